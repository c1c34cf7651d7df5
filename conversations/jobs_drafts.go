package conversations

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// DraftExpiry looks after idle refund drafts: a session inside the refund
// flow (choosing a reason up to the summary) idle for
// policy.drafts.reminder_after_hours gets one reminder with a Continue
// button; idle for policy.drafts.expire_after_hours its draft is dropped
// (the session goes back to idle, old buttons become stale) and the
// provider is told. Drafts reserve no leads in this design (a lead is
// reserved when the case is submitted), so dropping one releases nothing.
// A provider answering an agent's question is left alone: info-expiry
// closes that case. Every change is judged again inside the transaction
// that writes it, so a provider who acts meanwhile keeps the draft.
func (j *Jobs) DraftExpiry(ctx context.Context, slot time.Time) error {
	now := j.o.Clock.Now()
	plan := func(s Session) (SessionSweep, bool) { return j.planDraft(s, now) }
	n, err := j.o.Store.SweepSessions(ctx, plan, JobMark{Job: JobDraftExpiry, Slot: slot, At: now})
	if err != nil {
		return fmt.Errorf("%s: %w", JobDraftExpiry, err)
	}
	j.committed(n)
	j.log.Info("idle drafts", "job", JobDraftExpiry, "sessions", n)
	return nil
}

// draftStep reports whether a session step holds a refund draft.
func draftStep(step string) bool {
	switch step {
	case stepReason, stepQuestion, stepLeads, stepEvidence, stepSummary, stepEdit:
		return true
	}
	return false
}

// remindedNow reports whether the provider was reminded during the
// current idle spell.
func remindedNow(s Session) bool {
	return s.Reminded && !s.RemindedAt.IsZero() && !s.RemindedAt.Before(s.UpdatedAt)
}

// planDraft decides what happens to one session at now. Pure.
func (j *Jobs) planDraft(s Session, now time.Time) (SessionSweep, bool) {
	if !draftStep(s.Step) {
		return SessionSweep{}, false
	}
	cfg := j.o.Policy.Drafts
	idle := now.Sub(s.UpdatedAt)
	lang := s.Language
	if lang == "" {
		lang = policy.LangEnglish
	}
	switch {
	case idle >= hours(cfg.ExpireAfterHours):
		out := s
		out.Draft, out.AnsweringCase = Draft{}, ""
		out.Step = stepIdle
		out.Nonce++ // buttons of the dropped draft become stale
		out.Reminded, out.RemindedAt = false, time.Time{}
		out.UpdatedAt = now
		msg := telegramReply(s.ChatID, "", Reply{Text: providerText(lang, policy.KeyDraftExpired)})
		msg.CreatedAt = now
		return SessionSweep{Session: out, Outbox: []OutboxMessage{msg}}, true
	case idle >= hours(cfg.ReminderAfterHours) && !remindedNow(s):
		out := s
		out.Reminded, out.RemindedAt = true, now
		label := policy.Text(lang, policy.KeyBtnContinue, nil)
		data, _ := Callback{Nonce: s.Nonce, Action: actContinue}.Encode()
		msg := telegramReply(s.ChatID, "", Reply{
			Text:    providerText(lang, policy.KeyDraftReminder, "hours", strconv.Itoa(cfg.ExpireAfterHours)),
			Buttons: [][]Button{{{Text: label, Data: data}}},
		})
		msg.CreatedAt = now
		return SessionSweep{Session: out, Outbox: []OutboxMessage{msg}}, true
	}
	return SessionSweep{}, false
}
