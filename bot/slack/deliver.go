package slack

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// CaseViewer gives the desk's view of a case: everything its card shows.
// *conversations.DeskService implements it.
type CaseViewer interface {
	CaseView(ctx context.Context, caseID string) (conversations.CaseView, error)
}

// CardStore reads a case and records where its posted card lives.
// *storage.DB implements it.
type CardStore interface {
	CaseReader
	SetCard(ctx context.Context, caseID, channel, ts string) error
}

// Sender is the outbox delivery worker's sender of Slack messages
// (bot.Sender). It renders a card from the case as it is now, so a card
// always shows the latest state, and records a new card's place.
type Sender struct {
	a     *Adapter
	views CaseViewer
	cards CardStore
	// onContact is told each time Slack accepted a message (readiness).
	onContact func(at time.Time)
}

// NewSender builds the Slack sender of the adapter a. onContact may be nil.
func NewSender(a *Adapter, views CaseViewer, cards CardStore, onContact func(at time.Time)) *Sender {
	return &Sender{a: a, views: views, cards: cards, onContact: onContact}
}

// Ready lets the delivery worker give Slack's next free call to the most
// urgent message (bot.Ready).
func (s *Sender) Ready(m conversations.OutboxMessage) (string, bool) { return s.a.Ready(m) }

// Send delivers one Slack outbox message; see Adapter.Send.
func (s *Sender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	var (
		c    conversations.Case
		info CardInfo
	)
	switch {
	case m.Kind == conversations.OutSlackCard || m.Kind == conversations.OutSlackCardUpdate:
		// Only a card needs the provider, findings and history.
		v, err := s.views.CaseView(ctx, m.CaseID)
		if err != nil {
			return "", err
		}
		c, info = cardOf(v, s.a.opts.Location)
	case m.CaseID != "":
		var err error
		if c, err = s.cards.Case(ctx, m.CaseID); err != nil {
			return "", err
		}
	}
	ref, err := s.a.Send(ctx, m, c, info)
	if err != nil {
		return "", err
	}
	if s.onContact != nil {
		s.onContact(s.a.now())
	}
	if m.Kind == conversations.OutSlackCard {
		// A failure here retries the post: a duplicate card is acceptable,
		// a card whose updates cannot find it is not.
		if err := s.cards.SetCard(ctx, m.CaseID, m.Recipient, ref); err != nil {
			return "", fmt.Errorf("record card of %s: %w", m.CaseID, err)
		}
	}
	return ref, nil
}

// Classify is the package's Classify, for the delivery worker.
func (*Sender) Classify(err error) (time.Duration, bool) { return Classify(err) }

// cardOf turns the desk's view of a case into what the card renders:
// answers shown as the policy words them in English, findings by level,
// the provider's phone as conversations masked it.
func cardOf(v conversations.CaseView, loc *time.Location) (conversations.Case, CardInfo) {
	c := v.Case
	info := CardInfo{
		ProviderName: v.Provider.Name, ProviderID: v.Provider.ID, Phone: v.MaskedPhone,
		LinkedSince: v.Provider.LinkedAt, AnswerLabel: map[string]string{},
		Cases30: v.Cases30, Refunds30: v.Refunds30, Cases90: v.Cases90, Refunds90: v.Refunds90,
		RefundRate: v.RefundRate, ApprovalsNeeded: v.ApprovalsNeeded, Location: loc,
		Similar: v.Similar > 0,
	}
	if r, ok := policy.ReasonByCode(c.Reason); ok {
		info.ReasonLabel = policy.Text(policy.LangEnglish, r.Title, nil)
	}
	if r, ok := policy.RejectReasonByCode(policy.RejectCode(c.RejectReason)); ok {
		info.RejectLabel = policy.Text(policy.LangEnglish, r.AgentLabel, nil)
	}
	answers := make(map[string]string, len(c.Answers))
	for q, val := range c.Answers {
		label, text := policy.AnswerText(policy.LangEnglish, c.Reason, q, val)
		info.AnswerLabel[q] = label
		answers[q] = text
	}
	c.Answers = answers
	if o := v.Original; o != nil {
		info.Appeal, info.OriginalURL = conversations.AppealSection(*o, loc), CardURL(o.CardChannel, o.CardTS)
	}
	for _, f := range v.Findings {
		level := map[policy.Level]string{policy.LevelPass: "ok", policy.LevelWarn: "warn", policy.LevelFail: "block"}[f.Level]
		info.Findings = append(info.Findings, Finding{Level: level, Text: f.Message})
	}
	return c, info
}
