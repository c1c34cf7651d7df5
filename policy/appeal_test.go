package policy

import (
	"strings"
	"testing"
	"time"
)

func TestCheckAppeal(t *testing.T) {
	cfg := Default()
	decided := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	last := decided.Add(7 * 24 * time.Hour)
	tests := []struct {
		name string
		f    AppealFacts
		now  time.Time
		want Key // "" when allowed
	}{
		{"rejected", AppealFacts{State: StateRejected}, decided, ""},
		{"partly approved", AppealFacts{State: StatePartlyApproved}, decided, ""},
		{"last instant", AppealFacts{State: StateRejected}, last, ""},
		{"a second late", AppealFacts{State: StateRejected}, last.Add(time.Second), KeyAppealTooLate},
		{"approved", AppealFacts{State: StateApproved}, decided, KeyAppealNotAppealable},
		{"open", AppealFacts{State: StateOpen}, decided, KeyAppealNotAppealable},
		{"expired", AppealFacts{State: StateExpired}, decided, KeyAppealNotAppealable},
		{"second appeal", AppealFacts{State: StateRejected, AppealedIn: "RF-9"}, decided, KeyAppealAlready},
		{"appeal of an appeal", AppealFacts{State: StateRejected, AppealOf: "RF-1"}, decided, KeyAppealOfAppeal},
	}
	for _, tt := range tests {
		tt.f.CaseID, tt.f.DecidedAt = "RF-5", decided
		got := CheckAppeal(cfg, tt.f, tt.now)
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%s: refused with %s", tt.name, got.Key)
		case tt.want != "" && (got == nil || got.Key != tt.want):
			t.Errorf("%s: got %v, want %s", tt.name, got, tt.want)
		}
	}
	late := CheckAppeal(cfg, AppealFacts{CaseID: "RF-5", State: StateRejected, DecidedAt: decided}, last.Add(time.Hour))
	if s := late.Render(LangEnglish, nil); !strings.Contains(s, "17 Mar 2026, 10:00 UTC") || !strings.Contains(s, "7 days") {
		t.Errorf("too late says %q", s)
	}
	cfg.AppealDays = 0
	if errs := cfg.Validate(); len(errs) == 0 || errs[0].Key != "policy.appeal_days" {
		t.Errorf("appeal_days 0: %v", errs)
	}
}
