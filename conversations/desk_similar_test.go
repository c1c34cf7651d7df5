package conversations

import (
	"slices"
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
	got := similarFindings(c, OpenSimilarOf(c, open))
	if len(got) != 2 {
		t.Fatalf("findings %+v, want a shared lead and a count", got)
	}
	if got[0].Check != policy.CheckSameLead || got[0].Level != policy.LevelWarn || !strings.Contains(got[0].Message, "L-2 is also in 2 other open case(s): RF-3, RF-4") {
		t.Errorf("same lead: %+v", got[0])
	}
	if like := OpenSimilarOf(c, open); !slices.Equal(like.IDs(), []string{"RF-2", "RF-3", "RF-4"}) || like.Count() != 3 {
		t.Errorf("similar to RF-1: %v (%d), want RF-2, RF-3, RF-4", like.IDs(), like.Count())
	}
	if got[1].Check != policy.CheckSimilar || got[1].Level != policy.LevelPass || !strings.Contains(got[1].Message, "2 other open case(s) share") {
		t.Errorf("similar: %+v", got[1])
	}
	lone := mk("RF-9", "other", "L-7")
	if like := OpenSimilarOf(lone, open); like.Count() != 0 {
		t.Errorf("a case like no other: %+v", like)
	}
	if f := similarFindings(lone, OpenSimilarOf(lone, open)); len(f) != 0 {
		t.Errorf("a case like no other: %+v", f)
	}
}

// TestOpenSimilarCount: Count is the number of IDs, a case sharing the
// kind and a lead (or two leads) counted once.
func TestOpenSimilarCount(t *testing.T) {
	for _, o := range []OpenSimilar{
		{},
		{Kind: []string{"RF-3", "RF-1"}},
		{ByLead: map[string][]string{"L1": {"RF-2"}, "L2": {"RF-2", "RF-5"}}},
		{Kind: []string{"RF-2", "RF-9"}, ByLead: map[string][]string{"L1": {"RF-2"}, "L2": {"RF-10"}}},
	} {
		if got, want := o.Count(), len(o.IDs()); got != want {
			t.Errorf("%+v: Count %d, IDs %v", o, got, o.IDs())
		}
	}
}
