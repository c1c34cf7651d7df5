package conversations

import (
	"context"
	"errors"
	"fmt"
)

// errNotLanded: a step whose commit was unconfirmed did not commit (its
// update is still pending); Handle runs it once more.
var errNotLanded = errors.New("the unconfirmed step did not commit")

// landed settles a step whose commit the store could not confirm (cause
// wraps ErrOutcomeUnknown): the step marks its update handled in its own
// commit, so the update's being pending no more says the step committed
// (nil: answer as a success; its replies are in the outbox). Still
// pending, it did not commit (yet), and errNotLanded asks for a retry.
// An event that names no update, or an inbox that cannot be read, leaves
// the outcome unknown: cause is returned, and the provider is told it
// may have gone through.
func (e *Engine) landed(ctx context.Context, ev Event, cause error) error {
	if ev.Source == "" || ev.UpdateID == 0 {
		return cause
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	pending, err := e.o.Store.PendingInbound(ctx)
	if err != nil {
		return cause
	}
	for _, in := range pending {
		if in.Source == ev.Source && in.ID == ev.UpdateID {
			return fmt.Errorf("%w: %w", errNotLanded, cause)
		}
	}
	e.log.Warn("step confirmed after an unconfirmed commit", "chat_id", ev.ChatID, "update_id", ev.UpdateID)
	return nil
}

// retryUnconfirmed runs once more a step that an unconfirmed commit left
// uncommitted (errNotLanded, with the first attempt's result res). The
// first attempt may still commit late: then the retry's commit is refused
// as handled (ErrInboundHandled) and the first one's result stands. A
// retry that is unconfirmed again, or that cannot run, keeps the
// outcome unknown.
func (e *Engine) retryUnconfirmed(ctx context.Context, ev *Event, res Result, first error) (Result, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	again, err := e.handle(ctx, ev)
	switch {
	case err == nil:
		e.log.Warn("step retried after an unconfirmed commit", "chat_id", ev.ChatID, "update_id", ev.UpdateID)
		return again, nil
	case errors.Is(err, ErrInboundHandled):
		return res, nil
	case errors.Is(err, ErrOutcomeUnknown):
		return Result{}, err
	}
	// The retry failed outright; the first attempt's outcome is what is
	// known: it did not commit, and neither did this.
	return Result{}, fmt.Errorf("%w (the first attempt: %v)", err, first)
}
