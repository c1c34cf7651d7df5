package slack

import (
	"context"
	"net/http"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/policy"
)

// Button action IDs of the card. Their value is the case ID, an opaque
// reference: the Desk re-reads the case and checks its state.
const (
	ActionApproveAll  = "approve_all"
	ActionApproveSome = "approve_some"
	ActionReject      = "reject"
	ActionAsk         = "ask"
)

// InteractionsHandler serves POST /slack/interactions: button clicks and
// modal submissions. A request with a bad or stale signature gets 401 and
// nothing is done. A click is acknowledged after the Desk committed its
// effect (a few milliseconds in bbolt) or after views.open; answers to the
// agent follow as ephemeral messages.
func (a *Adapter) InteractionsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := a.verified(w, r); !ok {
			return
		}
		ic, err := slackapi.InteractionCallbackParse(r)
		if err != nil {
			a.log.Warn("slack interaction unreadable", "error", err)
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		resp := a.dispatchInteraction(r.Context(), ic)
		if resp == nil {
			a.writeJSON(w, nil)
			return
		}
		a.writeJSON(w, resp)
	})
}

// dispatchInteraction handles one verified interaction, whether it came
// over HTTP or Socket Mode. The result is the view_submission response, or
// nil for an empty acknowledgement (which also closes a submitted modal).
func (a *Adapter) dispatchInteraction(ctx context.Context, ic slackapi.InteractionCallback) *slackapi.ViewSubmissionResponse {
	switch ic.Type {
	case slackapi.InteractionTypeBlockActions:
		for _, act := range ic.ActionCallback.BlockActions {
			a.handleAction(ctx, ic, act)
		}
	case slackapi.InteractionTypeViewSubmission:
		return a.submitView(ctx, ic)
	case slackapi.InteractionTypeViewClosed:
	default:
		a.log.Info("slack interaction ignored", "type", ic.Type)
	}
	return nil
}

// handleAction runs one button of the card.
func (a *Adapter) handleAction(ctx context.Context, ic slackapi.InteractionCallback, act *slackapi.BlockAction) {
	to := replyTo{responseURL: ic.ResponseURL, channel: ic.Channel.ID, user: ic.User.ID}
	caseID := act.Value
	log := a.log.With("case_id", caseID, "user", ic.User.ID, "action", act.ActionID)
	switch act.ActionID {
	case ActionApproveAll, ActionApproveSome, ActionReject, ActionAsk, ActionDecideSimilar:
	default:
		log.Info("slack action ignored")
		return
	}
	if !a.isApprover(ic.User.ID) {
		log.Info("slack action refused: not an approver")
		a.tell(ctx, to, say(policy.KeyEphNotApprover))
		return
	}
	if act.ActionID == ActionDecideSimilar {
		a.openSimilar(ctx, ic, caseID, to)
		return
	}
	if act.ActionID == ActionApproveAll {
		c, err := a.opts.Desk.ApproveAll(ctx, caseID, ic.User.ID, a.now())
		if err != nil {
			a.tell(ctx, to, a.explain(log, err))
			return
		}
		log.Info("slack approve all", "state", c.State)
		if !c.State.Final() {
			a.tell(ctx, to, say(policy.KeyEphFirstApproval, "case", c.ID, "approvals", approvalsLine(c, 2)))
		}
		return
	}
	// Modals: use the trigger_id (valid 3 s, once) before anything slow.
	c, err := a.opts.Cases.Case(ctx, caseID)
	if err != nil {
		a.tell(ctx, to, a.explain(log, err))
		return
	}
	if c.State.Final() {
		a.tell(ctx, to, decidedText(a.decidedFromCase(c), a.opts.Location, a.now()))
		return
	}
	view := a.modalFor(act.ActionID, c)
	if err := a.call(ctx, MethodViewsOpen, "", func() error {
		_, err := a.api.OpenViewContext(ctx, ic.TriggerID, view)
		return err
	}); err != nil {
		log.Error("slack open modal", "error", err)
		a.tell(ctx, to, say(policy.KeyEphFormFailed))
	}
}
