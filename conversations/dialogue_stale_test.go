package conversations

import (
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

// A draft dropped by the draft-expiry job between a step's read and its
// commit stays dropped: the step is judged again on the stored session
// instead of writing the old draft back.
func TestStepAfterDraftDroppedMeanwhile(t *testing.T) {
	c := newChat(t, world(t))
	c.link()
	c.command("refund")
	c.press(actReason, string(policy.ReasonInvalidLead))
	c.press(actOption, "wrong_number")
	if s := c.session(); s.Step != stepLeads {
		t.Fatalf("step %q, want %q", s.Step, stepLeads)
	}
	c.st.beforeStep = func(m *memStore) { // what DraftExpiry commits
		s := m.sessions[c.id]
		s.Step, s.Draft = stepIdle, Draft{}
		s.Nonce++
		m.sessions[c.id] = s
	}
	rs := c.text("L-1")
	if s := c.session(); s.Step != stepIdle || len(s.Draft.LeadIDs) != 0 || s.Draft.Reason != "" {
		t.Errorf("session after the step = %+v; want the dropped draft to stay dropped", s)
	}
	wantIn(t, rs, "didn’t understand")
}
