package policy

import (
	"slices"
	"testing"
	"time"
)

func ist(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		loc = time.FixedZone("IST", 5*3600+1800)
	}
	return loc
}

func TestCheckLead(t *testing.T) {
	cfg := Default()
	loc := ist(t)
	unlock := time.Date(2026, 3, 1, 10, 0, 0, 0, loc)
	day := 24 * time.Hour
	base := LeadFacts{LeadID: "LD-1", Found: true, Coins: 120, UnlockedAt: unlock, Reason: ReasonInvalidLead}
	with := func(f func(*LeadFacts)) LeadFacts { l := base; f(&l); return l }
	nonResp := with(func(l *LeadFacts) { l.Reason = ReasonNonResponsive })
	tests := []struct {
		name    string
		in      LeadFacts
		at      time.Duration // after unlock
		refusal Refusal
		key     Key
		args    Args
		when    time.Time
	}{
		{"fresh lead", base, time.Hour, RefusalNone, KeyLeadAccepted, Args{"lead": "LD-1", "coins": "120"}, time.Time{}},
		{"window last minute", base, 30*day - time.Minute, RefusalNone, KeyLeadAccepted, nil, time.Time{}},
		{"window exactly 30 days is inside", base, 30 * day, RefusalNone, KeyLeadAccepted, nil, time.Time{}},
		{"window 30 days and a minute", base, 30*day + time.Minute, RefusalOutsideWindow, KeyLeadOutsideWindow,
			Args{"lead": "LD-1", "days": "30", "date": "31 Mar 2026, 10:00 IST"}, unlock.Add(30 * day)},
		{"window 30 days and a nanosecond", base, 30*day + 1, RefusalOutsideWindow, KeyLeadOutsideWindow, nil, unlock.Add(30 * day)},
		{"non-responsive a minute before the wait", nonResp, 48*time.Hour - time.Minute, RefusalTooEarly, KeyLeadTooEarly,
			Args{"lead": "LD-1", "hours": "48", "time": "03 Mar 2026, 10:00 IST"}, unlock.Add(48 * time.Hour)},
		{"non-responsive at the minimum wait", nonResp, 48 * time.Hour, RefusalNone, KeyLeadAccepted, nil, time.Time{}},
		{"non-responsive last minute of the window", nonResp, 30*day - time.Minute, RefusalNone, KeyLeadAccepted, nil, time.Time{}},
		{"non-responsive after the window", nonResp, 31 * day, RefusalOutsideWindow, KeyLeadOutsideWindow, nil, unlock.Add(30 * day)},
		{"other reasons need no wait", with(func(l *LeadFacts) { l.Reason = ReasonTechnicalIssue }), 0, RefusalNone, KeyLeadAccepted, nil, time.Time{}},
		{"unknown lead", LeadFacts{LeadID: "LD-9"}, time.Hour, RefusalUnknown, KeyLeadUnknown, Args{"lead": "LD-9"}, time.Time{}},
		{"someone else's lead", LeadFacts{LeadID: "LD-9", OwnedByOther: true}, time.Hour, RefusalNotYours, KeyLeadNotYours, Args{"lead": "LD-9"}, time.Time{}},
		{"already refunded", with(func(l *LeadFacts) { l.RefundedIn = "RF-3" }), time.Hour, RefusalAlreadyRefunded, KeyLeadAlreadyRefunded,
			Args{"lead": "LD-1", "case": "RF-3"}, time.Time{}},
		{"in an open case", with(func(l *LeadFacts) { l.OpenCase = "RF-7" }), time.Hour, RefusalInOpenCase, KeyLeadInOpenCase,
			Args{"lead": "LD-1", "case": "RF-7"}, time.Time{}},
		{"refunded wins over outside window", with(func(l *LeadFacts) { l.RefundedIn = "RF-3" }), 40 * day, RefusalAlreadyRefunded, KeyLeadAlreadyRefunded, nil, time.Time{}},
		{"no coins spent", with(func(l *LeadFacts) { l.Coins = 0 }), time.Hour, RefusalNoCoins, KeyLeadNoCoins, nil, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := CheckLead(cfg, tt.in, unlock.Add(tt.at))
			if v.OK != (tt.refusal == RefusalNone) || v.Refusal != tt.refusal || v.Message.Key != tt.key {
				t.Fatalf("got OK %v refusal %q key %q, want refusal %q key %q", v.OK, v.Refusal, v.Message.Key, tt.refusal, tt.key)
			}
			for k, want := range tt.args {
				if got := v.Message.Args[k]; got != want {
					t.Errorf("arg %s = %q, want %q", k, got, want)
				}
			}
			if !v.At.Equal(tt.when) {
				t.Errorf("At = %v, want %v", v.At, tt.when)
			}
			if _, err := Render(LangHindi, v.Message.Key, v.Message.Args); err != nil {
				t.Errorf("verdict message does not render: %v", err)
			}
		})
	}
}

func TestWindowFollowsConfig(t *testing.T) {
	cfg := Default()
	cfg.RefundWindowDays = 7
	unlock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if !InWindow(cfg, unlock, unlock.Add(7*24*time.Hour)) || InWindow(cfg, unlock, unlock.Add(7*24*time.Hour+time.Second)) {
		t.Error("a 7-day window is not honoured")
	}
	cfg.NonResponsive.MinWaitHours = 0
	if got := ClaimableFrom(cfg, ReasonNonResponsive, unlock); !got.Equal(unlock) {
		t.Errorf("no wait: claimable from %v", got)
	}
}

func TestCheckLeadCount(t *testing.T) {
	cfg := Default() // max 10
	for _, tt := range []struct {
		inCase int
		ok     bool
	}{{0, true}, {9, true}, {10, false}, {11, false}} {
		ok, m := CheckLeadCount(cfg, tt.inCase)
		if ok != tt.ok {
			t.Errorf("CheckLeadCount(%d) = %v, want %v", tt.inCase, ok, tt.ok)
		}
		if !ok && (m.Key != KeyLeadTooMany || m.Args["max"] != "10") {
			t.Errorf("CheckLeadCount(%d) message = %+v", tt.inCase, m)
		}
	}
}

func TestParseLeadIDs(t *testing.T) {
	ids, bad := ParseLeadIDs(" ld-1, LD-2;#ld-3\nLD-1  lead?!  " + "A23456789012345678901234567890123")
	if want := []string{"LD-1", "LD-2", "LD-3"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if want := []string{"lead?!", "A23456789012345678901234567890123"}; !slices.Equal(bad, want) {
		t.Errorf("bad = %v, want %v", bad, want)
	}
	if ids, bad := ParseLeadIDs("   "); ids != nil || bad != nil {
		t.Errorf("blank text gave %v %v", ids, bad)
	}
}
