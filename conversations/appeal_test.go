package conversations

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// OpenAppeal is the appeal rules in one place: the provider's own case,
// decided within policy.appeal_days, not appealed before, not itself an
// appeal, and only for the leads an agent refused.
func TestOpenAppeal(t *testing.T) {
	decided := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	cfg := policy.Default()
	orig := Case{ID: "RF-1", ProviderID: "P1", Reason: policy.ReasonInvalidLead, State: policy.StatePartlyApproved,
		Answers: map[string]string{"what": "fake_number"},
		Leads:   []CaseLead{{LeadID: "L1", Decision: policy.LeadApproved}, {LeadID: "L2", Decision: policy.LeadRejected}},
		History: []Transition{{To: policy.StateOpen, At: decided.Add(-time.Hour)}, {To: policy.StatePartlyApproved, At: decided}}}
	na := NewAppeal{Of: "RF-1", ProviderID: "P1", ChatID: 7, Policy: cfg, At: decided.Add(time.Hour),
		Evidence: []Evidence{{Kind: EvidenceText, Text: "I disagree"}}}

	nc, err := OpenAppeal(orig, na)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(nc.LeadIDs, []string{"L2"}) || nc.AppealOf != "RF-1" || nc.Reason != orig.Reason ||
		nc.Answers["what"] != "fake_number" || nc.ChatID != 7 || len(nc.Evidence) != 1 {
		t.Errorf("appeal opens %+v", nc)
	}

	refusals := []struct {
		name   string
		change func(c *Case, a *NewAppeal)
		key    policy.Key // an *AppealError with this key; "" for another error
		is     error
	}{
		{"another provider's case", func(c *Case, a *NewAppeal) { a.ProviderID = "P2" }, "", ErrNotFound},
		{"appealed before", func(c *Case, a *NewAppeal) { c.AppealedIn = "RF-2" }, policy.KeyAppealAlready, nil},
		{"past the limit", func(c *Case, a *NewAppeal) { a.At = decided.AddDate(0, 0, cfg.AppealDays).Add(time.Minute) }, "", nil},
		{"an appeal itself", func(c *Case, a *NewAppeal) { c.AppealOf = "RF-0" }, "", nil},
		{"still open", func(c *Case, a *NewAppeal) { c.State = policy.StateOpen }, "", nil},
		{"no refused lead", func(c *Case, a *NewAppeal) { c.Leads[1].Decision = policy.LeadApproved }, "", ErrInvalid},
	}
	for _, r := range refusals {
		c, a := cloneCase(orig), na
		r.change(&c, &a)
		_, err := OpenAppeal(c, a)
		var ae *AppealError
		switch {
		case err == nil:
			t.Errorf("%s: appeal opened", r.name)
		case r.is != nil && !errors.Is(err, r.is):
			t.Errorf("%s: %v, want %v", r.name, err, r.is)
		case r.key != "" && (!errors.As(err, &ae) || ae.Message.Key != r.key):
			t.Errorf("%s: %v, want the %s refusal", r.name, err, r.key)
		}
	}
}
