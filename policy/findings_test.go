package policy

import (
	"strings"
	"testing"
	"time"
)

func findingsBy(fs []Finding, check string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Check == check {
			out = append(out, f)
		}
	}
	return out
}

func TestFindings(t *testing.T) {
	cfg := Default()
	at := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	clean := FindingsInput{
		CaseID: "RF-20", Reason: ReasonInvalidLead, SubmittedAt: at,
		Leads:   []FindingLead{{LeadID: "LD-1", Coins: 100, UnlockedAt: at.Add(-5 * day)}},
		Unlocks: 20, RefundedLeads: 2, Evidence: []string{"aa"},
		Seen: []SeenHash{{SHA256: "aa", CaseID: "RF-20"}}, // its own file is not a reuse
	}
	tests := []struct {
		name    string
		change  func(*FindingsInput)
		check   string
		level   Level
		message string // a part of the message
	}{
		{"window pass", nil, CheckWindow, LevelPass, "All 1 lead(s) inside the 30-day window"},
		{"window fail", func(in *FindingsInput) { in.Leads[0].UnlockedAt = at.Add(-30*day - time.Minute) }, CheckWindow, LevelFail, "LD-1: outside the 30-day window since"},
		{"window last minute", func(in *FindingsInput) { in.Leads[0].UnlockedAt = at.Add(-30*day + time.Minute) }, CheckWindow, LevelPass, "inside"},
		{"duplicate pass", nil, CheckDuplicate, LevelPass, "No lead is in another case"},
		{"refunded elsewhere", func(in *FindingsInput) { in.Leads[0].RefundedIn = "RF-3" }, CheckDuplicate, LevelFail, "LD-1: already refunded in RF-3"},
		{"open elsewhere", func(in *FindingsInput) { in.Leads[0].OpenCase = "RF-19" }, CheckDuplicate, LevelFail, "also in open case RF-19"},
		{"own reservation is fine", func(in *FindingsInput) { in.Leads[0].OpenCase = "RF-20" }, CheckDuplicate, LevelPass, "No lead"},
		{"first request", nil, CheckRepeat, LevelPass, "1st refund request in 30 days"},
		{"3rd request in 30 days", func(in *FindingsInput) {
			in.PriorCases = []PriorCase{{ID: "RF-5", CreatedAt: at.Add(-29 * day)}, {ID: "RF-9", CreatedAt: at.Add(-time.Hour)}}
		}, CheckRepeat, LevelWarn, "3rd refund request in 30 days"},
		{"old and later cases do not count", func(in *FindingsInput) {
			in.PriorCases = []PriorCase{{ID: "RF-1", CreatedAt: at.Add(-30 * day)}, {ID: "RF-9", CreatedAt: at.Add(-time.Hour)},
				{ID: "RF-20", CreatedAt: at}, {ID: "RF-25", CreatedAt: at.Add(day)}}
		}, CheckRepeat, LevelPass, "2nd refund request"},
		{"rate under the share", nil, CheckRate, LevelPass, "Refund rate with this case 15% of unlocks in 90 days (3 of 20)"},
		{"rate exactly the share", func(in *FindingsInput) { in.RefundedLeads = 5 }, CheckRate, LevelPass, "30%"},
		{"rate over the share", func(in *FindingsInput) { in.RefundedLeads = 6 }, CheckRate, LevelWarn, "Refund rate with this case 35% of unlocks in 90 days (7 of 20), over 30%"},
		{"no unlocks", func(in *FindingsInput) { in.Unlocks = 0 }, CheckRate, LevelWarn, "No unlocks recorded in 90 days"},
		{"recent unlock", func(in *FindingsInput) { in.Leads[0].UnlockedAt = at.Add(-2*time.Hour - 5*time.Minute) }, CheckRecent, LevelWarn, "LD-1: unlocked 2 h before the request"},
		{"unlock exactly 24 h before", func(in *FindingsInput) { in.Leads[0].UnlockedAt = at.Add(-day) }, CheckRecent, LevelPass, "over 24 h"},
		{"same screenshot", func(in *FindingsInput) {
			in.Evidence = []string{"aa", "bb"}
			in.Seen = []SeenHash{{SHA256: "bb", CaseID: "RF-12"}, {SHA256: "bb", CaseID: "RF-12"}, {SHA256: "cc", CaseID: "RF-13"}}
		}, CheckReused, LevelWarn, "Same screenshot as RF-12"},
		{"same screenshot from another provider", func(in *FindingsInput) {
			in.Seen = []SeenHash{{SHA256: "aa", CaseID: "RF-3", OtherProvider: true}}
		}, CheckReused, LevelWarn, "Same screenshot as RF-3, a case of another provider"},
		{"no reuse", nil, CheckReused, LevelPass, "No reused screenshots"},
	}
	for _, tt := range tests {
		in := clean
		in.Leads = append([]FindingLead(nil), clean.Leads...)
		if tt.change != nil {
			tt.change(&in)
		}
		got := findingsBy(Findings(cfg, in, at.Add(time.Hour)), tt.check)
		if len(got) != 1 || got[0].Level != tt.level || !strings.Contains(got[0].Message, tt.message) {
			t.Errorf("%s: got %+v, want one %s finding containing %q", tt.name, got, tt.level, tt.message)
		}
	}
}

func TestFindingsJudgeAtSubmission(t *testing.T) {
	cfg := Default()
	at := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	in := FindingsInput{CaseID: "RF-1", SubmittedAt: at, Unlocks: 1,
		Leads: []FindingLead{{LeadID: "LD-1", Coins: 1, UnlockedAt: at.Add(-29 * 24 * time.Hour)}}}
	later := Findings(cfg, in, at.Add(10*24*time.Hour)) // card re-rendered 10 days later
	if w := findingsBy(later, CheckWindow); w[0].Level != LevelPass {
		t.Errorf("window judged at render time: %+v", w)
	}
	in.SubmittedAt = time.Time{}
	now := Findings(cfg, in, at.Add(10*24*time.Hour))
	if w := findingsBy(now, CheckWindow); w[0].Level != LevelFail {
		t.Errorf("zero SubmittedAt must mean now: %+v", w)
	}
	if Worst(now) != LevelFail || Worst(nil) != LevelPass {
		t.Error("Worst wrong")
	}
}

func TestOrdinalAndDuration(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd", 111: "111th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q", n, got)
		}
	}
	for d, want := range map[time.Duration]string{-time.Minute: "0 min", 59 * time.Minute: "59 min", time.Hour: "1 h", 47*time.Hour + 59*time.Minute: "47 h", 48 * time.Hour: "2 d"} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func BenchmarkFindings(b *testing.B) {
	cfg := Default()
	at := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	in := FindingsInput{CaseID: "RF-1", SubmittedAt: at, Unlocks: 40, RefundedLeads: 3}
	for i := range 10 {
		in.Leads = append(in.Leads, FindingLead{LeadID: "LD-" + Ordinal(i), Coins: 100, UnlockedAt: at.Add(-time.Duration(i) * time.Hour)})
		in.PriorCases = append(in.PriorCases, PriorCase{ID: "RF-" + Ordinal(i), CreatedAt: at.Add(-time.Duration(i) * 72 * time.Hour)})
	}
	for b.Loop() {
		_ = Findings(cfg, in, at)
	}
}
