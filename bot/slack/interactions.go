package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

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
		if a.opts.OnInteraction != nil {
			start := time.Now()
			defer func() { a.opts.OnInteraction(time.Since(start)) }()
		}
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		ic, err := parseInteraction(body)
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

// parseInteraction reads the payload of a verified interaction request.
// A button click on a message is read lightly: the app needs who clicked
// where and which button, not the message Slack sends along (the card's
// blocks, most of the payload and most of the decoding time; the Desk
// re-reads the case anyway). Everything else, modal submissions and clicks
// inside a modal included, goes through slack-go's full parse.
func parseInteraction(body []byte) (slackapi.InteractionCallback, error) {
	payload, err := formPayload(body)
	if err != nil {
		return slackapi.InteractionCallback{}, err
	}
	if len(payload) == 0 {
		return slackapi.InteractionCallback{}, errors.New("payload is empty")
	}
	var click struct {
		Type        slackapi.InteractionType `json:"type"`
		User        struct{ ID string }      `json:"user"`
		Channel     struct{ ID string }      `json:"channel"`
		ResponseURL string                   `json:"response_url"`
		TriggerID   string                   `json:"trigger_id"`
		Actions     []json.RawMessage        `json:"actions"`
		View        *json.RawMessage         `json:"view"`
	}
	if err := json.Unmarshal(payload, &click); err == nil && click.Type == slackapi.InteractionTypeBlockActions && click.View == nil {
		if ic, ok := clickOf(click.Type, click.User.ID, click.Channel.ID, click.ResponseURL, click.TriggerID, click.Actions); ok {
			return ic, nil
		}
	}
	var ic slackapi.InteractionCallback
	if err := json.Unmarshal(payload, &ic); err != nil {
		return slackapi.InteractionCallback{}, err
	}
	return ic, nil
}

// formPayload is the payload field of the form body, as url.ParseQuery
// reads it. Slack's body is that one field, a card's blocks escaped byte
// by byte; such a body is unescaped by one url.QueryUnescape, without
// ParseQuery's map and copies. Any other body goes through ParseQuery.
func formPayload(body []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(body, []byte("payload="))
	if !ok || bytes.ContainsAny(rest, "&;") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		return []byte(form.Get("payload")), nil
	}
	p, err := url.QueryUnescape(string(rest))
	if err != nil {
		return nil, err
	}
	return []byte(p), nil
}

// clickOf builds the interaction of a light-read click. As slack-go does,
// an action with a block_id string is a block action and any other a
// legacy attachment's, which the adapter ignores. ok is false when an
// action cannot be read; the full parse then decides.
func clickOf(typ slackapi.InteractionType, user, channel, responseURL, trigger string, actions []json.RawMessage) (slackapi.InteractionCallback, bool) {
	ic := slackapi.InteractionCallback{Type: typ, ResponseURL: responseURL, TriggerID: trigger}
	ic.User.ID, ic.Channel.ID = user, channel
	for _, raw := range actions {
		// Keys as sent: "block_id" exactly, as slack-go looks. The values
		// stay raw (the payload was validated whole): a string is one
		// that starts with a quote.
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(raw, &probe); err != nil {
			return ic, false
		}
		if id := probe["block_id"]; len(id) == 0 || id[0] != '"' {
			continue
		}
		act := &slackapi.BlockAction{}
		if err := json.Unmarshal(raw, act); err != nil {
			return ic, false
		}
		ic.ActionCallback.BlockActions = append(ic.ActionCallback.BlockActions, act)
	}
	return ic, true
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
