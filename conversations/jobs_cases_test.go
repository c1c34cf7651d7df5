package conversations_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestSLAReminderOnceThenEscalation: one reminder past the first-response
// SLA (4 h), one escalation past 24 h, each in the case's thread with the
// approvers mentioned, never twice; a case waiting for the provider is
// not the agents' to answer.
func TestSLAReminderOnceThenEscalation(t *testing.T) {
	r := newJobRig(t)
	t0 := r.clock.Now()
	c := r.submit(policy.ReasonInvalidLead, t0, nil, "L-1")
	asked := r.submit(policy.ReasonInvalidLead, t0, nil, "L-2")
	if _, err := r.desk.Ask(r.ctx, asked.ID, approver1, "Which number?", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	r.drain()
	r.run(r.jobs.SLAReminder, t0.Add(4*time.Hour-time.Minute))
	if got := r.drain(); len(got) != 0 {
		t.Fatalf("a minute before the SLA: %+v", got)
	}
	for range 2 { // the second run finds nothing more to say
		r.run(r.jobs.SLAReminder, t0.Add(4*time.Hour))
	}
	got := r.drain()
	want := "<@" + approver1 + "> <@" + approver2 + "> ⏰ " + c.ID + " has waited 4 h for a first response."
	if len(got) != 1 || got[0].Kind != conversations.OutSlackThread || got[0].CaseID != c.ID || got[0].Recipient != rigChannel || got[0].Text != want {
		t.Fatalf("reminder: got %+v, want one thread message %q", got, want)
	}
	if m := r.mark(conversations.JobSLAReminder); !m.Slot.Equal(t0.Add(4 * time.Hour)) {
		t.Errorf("slot marker %v, want it committed with the reminder", m.Slot)
	}
	r.run(r.jobs.SLAReminder, t0.Add(24*time.Hour+30*time.Minute))
	r.run(r.jobs.SLAReminder, t0.Add(48*time.Hour))
	got = r.drain()
	if len(got) != 1 || !strings.Contains(got[0].Text, "🚨 "+c.ID+" has waited 1 d, over the 24 h limit") ||
		!strings.HasPrefix(got[0].Text, "<@"+approver1+">") {
		t.Fatalf("escalation: got %+v", got)
	}
	if stored, _ := r.db.Case(r.ctx, c.ID); stored.Reminders != 2 {
		t.Errorf("reminders %d, want 2", stored.Reminders)
	}
}

// TestSLAEscalationOnlyWhenFirstSeenLate: a case first seen past the
// escalation limit gets the escalation alone.
func TestSLAEscalationOnlyWhenFirstSeenLate(t *testing.T) {
	r := newJobRig(t)
	t0 := r.clock.Now()
	r.submit(policy.ReasonTechnicalIssue, t0, nil, "L-1")
	r.drain()
	r.run(r.jobs.SLAReminder, t0.Add(30*time.Hour))
	got := r.drain()
	if len(got) != 1 || !strings.Contains(got[0].Text, "🚨") {
		t.Fatalf("got %+v, want only the escalation", got)
	}
}

// TestInfoExpiry: a question unanswered for 72 h closes the case as
// expired; the card, its thread and the provider are told; a younger
// question waits.
func TestInfoExpiry(t *testing.T) {
	r := newJobRig(t)
	t0 := r.clock.Now()
	old := r.submit(policy.ReasonInvalidLead, t0, nil, "L-1")
	young := r.submit(policy.ReasonInvalidLead, t0, nil, "L-2")
	if _, err := r.desk.Ask(r.ctx, old.ID, approver1, "Which number?", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.desk.Ask(r.ctx, young.ID, approver1, "Which number?", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r.drain()
	r.run(r.jobs.InfoExpiry, t0.Add(72*time.Hour-time.Minute))
	if got := r.drain(); len(got) != 0 {
		t.Fatalf("before the limit: %+v", got)
	}
	r.run(r.jobs.InfoExpiry, t0.Add(72*time.Hour))
	r.run(r.jobs.InfoExpiry, t0.Add(72*time.Hour+time.Minute)) // again: nothing more
	if c, _ := r.db.Case(r.ctx, old.ID); c.State != policy.StateExpired {
		t.Errorf("old case is %s, want expired", c.State)
	}
	if c, _ := r.db.Case(r.ctx, young.ID); c.State != policy.StateWaitingProvider {
		t.Errorf("young case is %s, want still waiting", c.State)
	}
	got := r.drain()
	kinds := map[conversations.OutboxKind]int{}
	for _, m := range got {
		kinds[m.Kind]++
		if m.CaseID != old.ID {
			t.Errorf("message for %s", m.CaseID)
		}
	}
	if kinds[conversations.OutSlackCardUpdate] != 1 || kinds[conversations.OutSlackThread] != 1 || kinds[conversations.OutTelegramReply] != 1 {
		t.Errorf("expiry messages %v, want card update, thread line and provider message", kinds)
	}
}

// TestDailyDigest: yesterday in IST (not UTC), decisions on the day of
// their transition, coins, top reasons, the backlog and its oldest case;
// one post per slot, even when run again.
func TestDailyDigest(t *testing.T) {
	r := newJobRig(t)
	ist := r.ist
	yesterday := time.Date(2026, 4, 6, 0, 0, 0, 0, ist)
	before := r.submit(policy.ReasonNonResponsive, yesterday.Add(-time.Minute), nil, "L-0") // Sunday 23:59 IST
	a := r.submit(policy.ReasonInvalidLead, yesterday, nil, "L-1")
	b := r.submit(policy.ReasonInvalidLead, yesterday.Add(10*time.Hour), nil, "L-2")
	r.submit(policy.ReasonTechnicalIssue, yesterday.Add(23*time.Hour+59*time.Minute), nil, "L-3")
	r.submit(policy.ReasonTechnicalIssue, yesterday.Add(24*time.Hour), nil, "L-4") // today: not counted as new
	if _, err := r.desk.ApproveAll(r.ctx, a.ID, approver1, yesterday.Add(11*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.desk.Reject(r.ctx, b.ID, approver1, string(policy.RejectOther), "no", yesterday.Add(12*time.Hour)); err != nil {
		t.Fatal(err)
	}
	r.drain()
	slot := time.Date(2026, 4, 7, 9, 0, 0, 0, ist)
	r.run(r.jobs.DailyDigest, slot)
	r.run(r.jobs.DailyDigest, slot) // a rerun of the slot posts nothing
	got := r.drain()
	if len(got) != 1 || got[0].Kind != conversations.OutSlackPost || got[0].Recipient != rigChannel || got[0].CaseID != "" {
		t.Fatalf("digest messages %+v, want one channel post", got)
	}
	text := got[0].Text
	for _, want := range []string{
		"*Refund desk digest, Mon 6 Apr 2026*",
		"*New cases:* 3",
		"*Top reasons:* Invalid lead 2, Technical issue 1",
		"1 approved, 0 partly approved, 1 rejected, 0 expired",
		"*Coins credited:* 100",
		"*Open:* 3 case(s), the oldest waiting 1 d 9 h (" + before.ID + ")",
		"*Overdue:* 3 case(s) waiting over 4 h",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
	if m := r.mark(conversations.JobDailyDigest); !m.Slot.Equal(slot) {
		t.Errorf("digest marker %v, want %v", m.Slot, slot)
	}
}

// TestDigestQuietDay: nothing happened and nothing waits.
func TestDigestQuietDay(t *testing.T) {
	got := conversations.RenderDigest(conversations.Digest(nil, time.Time{}, time.Time{}, time.Time{}, time.Hour), 4)
	if !strings.Contains(got, "No cases since the last digest.") || strings.Contains(got, "New cases") {
		t.Errorf("quiet digest %q", got)
	}
}
