package conversations

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// EngineOptions configure the dialogue engine.
type EngineOptions struct {
	Store EngineStore
	// Steps commits a step atomically; *storage.DB implements it.
	Steps  StepStore
	Policy policy.Config
	Clock  Clock
	Logger *slog.Logger
	// SlackChannel is the channel ID where case cards are posted.
	SlackChannel string
	// Location is the timezone of dates shown to providers (default UTC).
	Location *time.Location
	// OnCommit, when set, is called after every commit (it wakes the
	// outbox delivery worker). It must not block.
	OnCommit func()
	// Appeals creates appeals (*storage.DB); without it /appeal fails.
	Appeals AppealStore
}

// Engine is the provider dialogue: it implements Dialogue. Each Handle
// reads what the step needs, computes the step with the pure function
// step, and commits the outcome once. Events of one chat must be handed
// to Handle in order, one at a time (the Telegram adapter does); events of
// different chats may be handled concurrently.
type Engine struct {
	o   EngineOptions
	log *slog.Logger
}

var _ Dialogue = (*Engine)(nil)

// NewEngine returns an engine; Store and Steps are required.
func NewEngine(o EngineOptions) *Engine {
	var log *slog.Logger
	o.Clock, o.Location, log = defaults(o.Clock, o.Location, o.Logger, "dialogue")
	return &Engine{o: o, log: log}
}

// Handle runs one step of the chat's conversation. The replies are in the
// outbox, committed with the new session and the inbound marker, before
// Handle returns. A stale or forged button changes nothing and only
// answers the callback. An error means nothing was committed: the
// transport may apologise and the saved update may be replayed.
func (e *Engine) Handle(ctx context.Context, ev Event) (Result, error) {
	res, err := e.handle(ctx, &ev)
	if errors.Is(err, ErrStale) {
		// A scheduled job changed the session between the read and the
		// commit (a draft dropped): the step is judged again on what is
		// stored now. Steps of one chat are serialised, so once is enough.
		// A file fetched the first time is not fetched again.
		res, err = e.handle(ctx, &ev)
	}
	if errors.Is(err, errNotLanded) {
		res, err = e.retryUnconfirmed(ctx, &ev, res, err) // dialogue_settle.go
	}
	return res, err
}

func (e *Engine) handle(ctx context.Context, evp *Event) (Result, error) {
	ev := *evp
	in, err := e.read(ctx, ev)
	if err != nil {
		return Result{}, fmt.Errorf("dialogue step of chat %d: %w", ev.ChatID, err)
	}
	if err := e.fetchFile(ctx, &in); err != nil {
		return Result{}, fmt.Errorf("dialogue step of chat %d: %w", ev.ChatID, err)
	}
	*evp = in.Event
	out := step(in)
	if !out.Write {
		if err := e.markDone(ctx, ev); err != nil {
			return out.Result, fmt.Errorf("dialogue step of chat %d: %w", ev.ChatID, err)
		}
		return out.Result, nil
	}
	if err := e.commit(ctx, in, &out); err != nil {
		if !errors.Is(err, ErrOutcomeUnknown) {
			return Result{}, fmt.Errorf("dialogue step of chat %d: %w", ev.ChatID, err)
		}
		if err := e.landed(ctx, ev, err); err != nil {
			// out.Result goes with errNotLanded: the retry's refusal
			// (ErrInboundHandled) would mean this step did commit.
			return out.Result, fmt.Errorf("dialogue step of chat %d: %w", ev.ChatID, err)
		}
	}
	if e.o.OnCommit != nil {
		e.o.OnCommit()
	}
	return out.Result, nil
}

// markDone marks the event's inbound update handled when nothing else is
// written, so that a replay does not run it again.
func (e *Engine) markDone(ctx context.Context, ev Event) error {
	if ev.Source == "" || ev.UpdateID == 0 {
		return nil
	}
	return e.o.Store.InboundDone(ctx, ev.Source, ev.UpdateID)
}

func inboundOf(ev Event) *InboundRef {
	if ev.Source == "" || ev.UpdateID == 0 {
		return nil
	}
	return &InboundRef{Source: ev.Source, ID: ev.UpdateID}
}

// commit writes the outcome of a step: the side intents first when they
// are idempotent (linking, the language), then the step itself; a submit
// or an answer goes through its own transaction, which carries the session.
func (e *Engine) commit(ctx context.Context, in stepIn, out *stepOut) error {
	ev := in.Event
	switch out.Intent {
	case intentLink:
		if ls, ok := e.o.Steps.(LinkingStepStore); ok {
			// The link and the step in one commit.
			link := Link{ProviderID: out.LinkProvider, UserID: ev.UserID, At: in.Now}
			if err := ls.SaveLinkStep(ctx, link, e.step(in, out.Session, out.Replies, out.Extra...)); err != nil {
				return fmt.Errorf("link provider %s: %w", out.LinkProvider, err)
			}
			e.log.Info("telegram linked", "provider_id", out.LinkProvider, "chat_id", ev.ChatID)
			return nil
		}
		if err := e.o.Store.LinkTelegram(ctx, out.LinkProvider, ev.UserID, in.Now); err != nil {
			return fmt.Errorf("link provider %s: %w", out.LinkProvider, err)
		}
		e.log.Info("telegram linked", "provider_id", out.LinkProvider, "chat_id", ev.ChatID)
	case intentLanguage:
		if in.Provider != nil {
			if err := e.o.Store.SetLanguage(ctx, in.Provider.ID, out.Session.Language); err != nil {
				return fmt.Errorf("set language of %s: %w", in.Provider.ID, err)
			}
		}
	case intentSubmit:
		return e.submit(ctx, in, out)
	case intentAnswer:
		return e.answer(ctx, in, out)
	case intentAppeal:
		return e.appeal(ctx, in, out)
	case intentWithdraw:
		return e.withdraw(ctx, in, out)
	}
	return e.saveStep(ctx, in, out.Session, out.Replies, out.Extra...)
}

func (e *Engine) saveStep(ctx context.Context, in stepIn, s Session, replies []Reply, extra ...OutboxMessage) error {
	if err := e.o.Steps.SaveStep(ctx, e.step(in, s, replies, extra...)); err != nil {
		return fmt.Errorf("save step: %w", err)
	}
	return nil
}

// step is the record of a step that leaves session s and sends replies
// and extra.
func (e *Engine) step(in stepIn, s Session, replies []Reply, extra ...OutboxMessage) Step {
	return Step{Session: s, Outbox: append(telegramReplies(s.ChatID, replies), extra...), Inbound: inboundOf(in.Event),
		Read: &SessionRead{Existed: !in.Fresh, Nonce: in.Session.Nonce}}
}

// telegramReplies wraps replies into outbox records for one chat.
func telegramReplies(chatID int64, replies []Reply) []OutboxMessage {
	msgs := make([]OutboxMessage, 0, len(replies))
	for i := range replies {
		r := replies[i]
		msgs = append(msgs, OutboxMessage{Transport: Telegram, Kind: OutTelegramReply,
			Recipient: strconv.FormatInt(chatID, 10), Reply: &r})
	}
	return msgs
}

// submit creates the case with the session after it, in one transaction.
// A lead taken in the meantime (another case reserved it) is dropped from
// the draft and the provider sees the summary again with the reason.
func (e *Engine) submit(ctx context.Context, in stepIn, out *stepOut) error {
	d := in.Session.Draft
	lang := out.Session.Language
	nc := NewCase{ProviderID: in.Provider.ID, ChatID: in.Event.ChatID, Language: lang, Reason: d.Reason,
		Answers: d.Answers, LeadIDs: d.LeadIDs, Evidence: d.Evidence, At: in.Now,
		Session: &out.Session, Inbound: inboundOf(in.Event),
		Effects: func(c Case) ([]OutboxMessage, error) {
			return submitEffects(c, e.o.SlackChannel, in.Event), nil
		}}
	c, err := e.o.Store.SubmitCase(ctx, nc)
	var le *LeadError
	if errors.As(err, &le) {
		e.log.Info("submit refused a lead", "provider_id", in.Provider.ID, "lead_id", le.LeadID)
		redo := submitRefused(in, le)
		*out = redo
		return e.saveStep(ctx, in, redo.Session, redo.Replies)
	}
	if err != nil {
		return fmt.Errorf("submit case: %w", err)
	}
	e.log.Info("case submitted", "case_id", c.ID, "provider_id", c.ProviderID, "leads", len(c.Leads))
	e.refreshLonely(ctx, c)
	return nil
}
