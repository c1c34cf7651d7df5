package conversations

import (
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/policy"
)

func TestSimilarFindings(t *testing.T) {
	mk := func(id, detail string, leads ...string) Case {
		c := Case{ID: id, Reason: policy.ReasonInvalidLead, State: policy.StateOpen, Answers: map[string]string{policy.QWhat: detail}}
		for _, l := range leads {
			c.Leads = append(c.Leads, CaseLead{LeadID: l, Coins: 50})
		}
		return c
	}
	c := mk("RF-1", "wrong_number", "L-1", "L-2")
	decided := mk("RF-5", "wrong_number", "L-2")
	decided.State = policy.StateApproved
	open := []Case{c, mk("RF-2", "wrong_number", "L-9"), mk("RF-3", "duplicate", "L-2"), mk("RF-4", "wrong_number", "L-2"), decided}
	got := similarFindings(c, open)
	if len(got) != 2 {
		t.Fatalf("findings %+v, want a shared lead and a count", got)
	}
	if got[0].Check != policy.CheckSameLead || got[0].Level != policy.LevelWarn || !strings.Contains(got[0].Message, "L-2 is also in 2 other open case(s): RF-3, RF-4") {
		t.Errorf("same lead: %+v", got[0])
	}
	if got[1].Check != policy.CheckSimilar || got[1].Level != policy.LevelPass || !strings.Contains(got[1].Message, "2 other open case(s) share") {
		t.Errorf("similar: %+v", got[1])
	}
	if f := similarFindings(mk("RF-9", "other", "L-7"), open); len(f) != 0 {
		t.Errorf("a case like no other: %+v", f)
	}
}
