package conversations

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// stepAppeal: the provider writes an appeal (a text, files) of a case.
const stepAppeal = "appeal"

// Callback actions of the appeal. actAppeal is bound to a case, not to a
// step: its data is "0:ap:<case>" and the server checks the case.
const (
	actAppeal     = "ap"  // arg: the case ID
	actAppealSend = "aps" // send the appeal being written
)

// NewAppeal is what the dialogue hands to storage when a provider appeals
// a case. Storage reads the original, calls OpenAppeal (the appeal rules,
// checked on the stored case, so of two concurrent appeals one wins) and
// creates the appeal as a new case in one transaction: it holds the
// original's refused leads (reserved again), its reason and answers, and
// Evidence; the original records the appeal, so a second is refused;
// Effects, Session and Inbound commit with it.
type NewAppeal struct {
	Of         string // the case appealed
	ProviderID string
	ChatID     int64
	Language   policy.Lang
	Evidence   []Evidence // the provider's text (at least one) and files
	At         time.Time
	// Policy holds the appeal rules' limits (policy.appeal_days).
	Policy policy.Config
	// Effects builds the outbox records from the appeal case. Pure.
	Effects func(appeal Case) ([]OutboxMessage, error)
	Session *Session
	Inbound *InboundRef
}

// AppealStore creates appeals; *storage.DB implements it.
type AppealStore interface {
	SubmitAppeal(ctx context.Context, na NewAppeal) (Case, error)
}

// AppealError is an appeal the rules refuse, with the policy's words.
type AppealError struct{ Message policy.Message }

func (e *AppealError) Error() string { return "appeal refused: " + string(e.Message.Key) }

// OpenAppeal is the one home of the appeal rules: the new case an appeal
// of the stored original opens, or why it may not. The original must be
// the provider's (else ErrNotFound), pass policy.CheckAppeal (else an
// *AppealError) and have a refused lead. Pure.
func OpenAppeal(orig Case, na NewAppeal) (NewCase, error) {
	if orig.ProviderID != na.ProviderID {
		return NewCase{}, fmt.Errorf("case %s of another provider: %w", orig.ID, ErrNotFound)
	}
	if m := policy.CheckAppeal(na.Policy, AppealFacts(orig), na.At); m != nil {
		return NewCase{}, &AppealError{Message: *m}
	}
	var leads []string
	for _, l := range RefusedLeads(orig) {
		leads = append(leads, l.LeadID)
	}
	if len(leads) == 0 {
		return NewCase{}, fmt.Errorf("case %s has no refused lead to appeal: %w", orig.ID, ErrInvalid)
	}
	return NewCase{ProviderID: orig.ProviderID, ChatID: na.ChatID, Language: na.Language, Reason: orig.Reason,
		Answers: orig.Answers, LeadIDs: leads, Evidence: na.Evidence, At: na.At, AppealOf: orig.ID}, nil
}

// AppealFacts are the facts of c the appeal rules look at.
func AppealFacts(c Case) policy.AppealFacts {
	f := policy.AppealFacts{CaseID: c.ID, State: c.State, AppealOf: c.AppealOf, AppealedIn: c.AppealedIn}
	if n := len(c.History); n > 0 {
		f.DecidedAt = c.History[n-1].At
	}
	return f
}

// RefusedLeads are the leads of c an agent refused: what an appeal asks for.
func RefusedLeads(c Case) []CaseLead {
	var out []CaseLead
	for _, l := range c.Leads {
		if l.Decision == policy.LeadRejected {
			out = append(out, l)
		}
	}
	return out
}

// appealOffer adds to the provider's message of a decision the Appeal
// button and its hint, when the case may be appealed.
func appealOffer(c Case, cfg policy.Config, r Reply) Reply {
	if c.AppealOf != "" || c.State != policy.StateRejected && c.State != policy.StatePartlyApproved {
		return r
	}
	data, ok := Callback{Action: actAppeal, Arg: c.ID}.Encode()
	if !ok {
		return r
	}
	r.Text += "\n\n" + providerText(c.Language, policy.KeyAppealHint, "days", strconv.Itoa(cfg.AppealDays))
	r.Buttons = append(r.Buttons, []Button{{Text: policy.Text(c.Language, policy.KeyBtnAppeal, nil), Data: data}})
	return r
}

// caseBound reports whether a button is bound to a case rather than to
// the session's step: it stays valid while the case allows it, and the
// server checks the case.
func caseBound(cb Callback) bool {
	switch cb.Action {
	case actAppeal, actWithdraw, actWithdrawYes, actWithdrawNo:
		return true
	}
	return false
}

// appealNeedsCases reports whether the step needs the provider's cases
// for an appeal.
func appealNeedsCases(in stepIn) bool {
	ev := in.Event
	if ev.Kind == EvCommand {
		return ev.Command == "appeal"
	}
	cb, ok := ParseCallback(ev.Data)
	return ev.Kind == EvCallback && ok && caseBound(cb)
}

// appealCommand is /appeal RF-n.
func appealCommand(t *turn, args string) {
	f := strings.Fields(args)
	if len(f) == 0 {
		t.send(t.text(policy.KeyAppealUsage))
		return
	}
	startAppeal(t, f[0])
}

// startAppeal checks that the case may be appealed (the provider's own,
// rejected or partly approved, not appealed, in time) and asks for the
// appeal's text; otherwise it says exactly why not.
func startAppeal(t *turn, id string) {
	if t.inFlow() && t.s.Step != stepAppeal {
		t.send(t.text(policy.KeyDraftInProgress), []Button{
			t.button(policy.KeyBtnContinue, actContinue, ""), t.button(policy.KeyBtnCancel, actCancel, "")})
		return
	}
	id = strings.ToUpper(strings.TrimSpace(id))
	i := slices.IndexFunc(t.in.Cases, func(c Case) bool { return c.ID == id })
	if i < 0 {
		t.send(t.text(policy.KeyAppealNotFound, "case", policy.Truncate(id, policy.ParamMaxChars("case"))))
		return
	}
	c := t.in.Cases[i]
	if m := policy.CheckAppeal(t.in.Policy, AppealFacts(c), t.in.Now); m != nil {
		if m.Key == policy.KeyAppealNotAppealable {
			m.Args["state"] = t.label(policy.StateKey(c.State))
		}
		t.send(t.msg(*m))
		return
	}
	var ids []string
	var total int64
	for _, l := range RefusedLeads(c) {
		ids = append(ids, l.LeadID)
		total += l.Coins
	}
	t.s.Draft, t.s.AnsweringCase, t.s.AppealCase = Draft{}, "", c.ID
	t.advance(stepAppeal)
	t.send(t.text(policy.KeyAppealPrompt, "case", c.ID, "leads", strings.Join(ids, ", "), "coins", coins(total)), t.cancelRow())
}

func promptAppeal(t *turn) {
	t.advance(stepAppeal)
	t.send(t.text(policy.KeyAppealCollected, "count", strconv.Itoa(len(t.s.Draft.Evidence))),
		[]Button{t.button(policy.KeyBtnAppealSend, actAppealSend, ""), t.button(policy.KeyBtnCancel, actCancel, "")})
}

// appealText adds a text to the appeal being written.
func appealText(t *turn, s string) {
	if addNote(t, s) {
		promptAppeal(t)
	}
}

// appealFile adds a photo or a document to the appeal being written.
func appealFile(t *turn) {
	d := &t.s.Draft
	f, ok := takeFile(t, d.Evidence)
	if !ok {
		return
	}
	d.Evidence = append(slices.Clone(d.Evidence), f)
	promptAppeal(t)
}

// sendAppeal asks the engine to create the appeal; it needs a text.
func sendAppeal(t *turn) {
	if t.s.Step != stepAppeal || t.s.AppealCase == "" {
		t.out = stale(t)
		return
	}
	if !slices.ContainsFunc(t.s.Draft.Evidence, func(e Evidence) bool { return e.Kind == EvidenceText }) {
		t.send(t.text(policy.KeyAppealNeedText), t.cancelRow())
		return
	}
	t.out.Intent = intentAppeal
}

// appeal commits the appeal: a new case for the original's refused leads,
// its card, the provider's text in the card's thread and the files, the
// provider told the appeal's ID, the session back to idle, in one
// transaction. A refusal found inside the transaction (a second appeal
// meanwhile, a lead in another case) is told and ends the appeal.
func (e *Engine) appeal(ctx context.Context, in stepIn, out *stepOut) error {
	s := in.Session
	caseID, pieces := s.AppealCase, s.Draft.Evidence
	s.Draft, s.AppealCase, s.UpdatedAt, s.Step = Draft{}, "", in.Now, stepIdle
	s.Nonce++
	s.Language = out.Session.Language
	out.Session = s
	if e.o.Appeals == nil {
		return fmt.Errorf("appeal of %s: no appeal store: %w", caseID, ErrInvalid)
	}
	cfg := e.o.Policy
	c, err := e.o.Appeals.SubmitAppeal(ctx, NewAppeal{Of: caseID, ProviderID: s.ProviderID, ChatID: in.Event.ChatID,
		Language: s.Language, Evidence: pieces, At: in.Now, Session: &s, Inbound: inboundOf(in.Event), Policy: cfg,
		Effects: func(a Case) ([]OutboxMessage, error) {
			return appealEffects(a, e.o.SlackChannel, pieces, in.Event), nil
		}})
	var ae *AppealError
	var le *LeadError
	switch {
	case errors.As(err, &ae):
		return e.saveStep(ctx, in, s, []Reply{{Text: ae.Message.Render(s.Language, EscapeHTML)}})
	case errors.As(err, &le):
		f := policy.LeadFacts{LeadID: le.LeadID, Found: true, Coins: 1, RefundedIn: le.CaseID}
		if errors.Is(le.Err, ErrLeadReserved) {
			f.RefundedIn, f.OpenCase = "", le.CaseID
		}
		return e.saveStep(ctx, in, s, []Reply{{Text: policy.CheckLead(cfg, f, in.Now).Message.Render(s.Language, EscapeHTML)}})
	case err != nil:
		return fmt.Errorf("appeal of %s: %w", caseID, err)
	}
	e.log.Info("case appealed", "case_id", c.ID, "appeal_of", caseID, "provider_id", c.ProviderID)
	return nil
}

// appealEffects: the appeal's card, one thread message carrying the
// provider's text and files (evidenceMessages), and the provider told
// the appeal's ID.
func appealEffects(c Case, channel string, pieces []Evidence, ev Event) []OutboxMessage {
	msgs := []OutboxMessage{{Transport: Slack, Kind: OutSlackCard, Recipient: channel, CaseID: c.ID}}
	msgs = append(msgs, evidenceMessages(c.ID, channel, policy.KeyThreadAppeal, pieces)...)
	r := Reply{Text: providerText(c.Language, policy.KeyAppealSubmitted, "appeal", c.ID, "case", c.AppealOf)}
	if ev.Kind == EvCallback {
		r.EditMessageID = ev.MessageID
	}
	return append(msgs, telegramReply(c.ChatID, c.ID, r))
}
