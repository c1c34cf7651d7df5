package policy

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Level grades an automatic check for agents.
type Level string

const (
	LevelPass Level = "pass"
	LevelWarn Level = "warn"
	LevelFail Level = "fail"
)

// Icon is the emoji shown before a finding on the card.
func (l Level) Icon() string {
	switch l {
	case LevelFail:
		return "❌"
	case LevelWarn:
		return "⚠️"
	}
	return "✅"
}

// Check names of findings, stable for tests and metrics.
const (
	CheckWindow    = "window"
	CheckDuplicate = "duplicate"
	CheckRepeat    = "repeat"
	CheckRate      = "refund_rate"
	CheckRecent    = "recent_unlock"
	CheckReused    = "reused_evidence"
)

// Finding is one automatic check of a case, for the agents' card.
// Message is short English (Slack mrkdwn-safe: raw IDs only).
type Finding struct {
	Check   string
	Level   Level
	Message string
}

// FindingLead is one lead of the case, as storage knows it now.
type FindingLead struct {
	LeadID     string
	Coins      int64
	UnlockedAt time.Time
	OpenCase   string // an open case reserving it; this case is ignored
	RefundedIn string // a case that refunded it; this case is ignored
}

// PriorCase is another case of the same provider.
type PriorCase struct {
	ID        string
	CreatedAt time.Time
	State     State
	Coins     int64
}

// SeenHash is an evidence file's SHA-256 already seen in a case.
type SeenHash struct {
	SHA256 string
	CaseID string
	// OtherProvider: the case belongs to another provider (the fraud
	// pattern that matters most).
	OtherProvider bool
}

// FindingsInput is everything the checks look at, as plain values.
type FindingsInput struct {
	CaseID string
	Reason ReasonCode
	// SubmittedAt is when the case was submitted; the checks are judged
	// at that instant so a card re-rendered later says the same. Zero
	// means now.
	SubmittedAt time.Time
	Leads       []FindingLead
	// PriorCases: the provider's other cases, any state (this one is ignored).
	PriorCases []PriorCase
	// Unlocks: leads the provider unlocked in the policy.findings.refund_rate_days
	// before SubmittedAt; RefundedLeads: leads refunded to them in that period,
	// not counting this case.
	Unlocks       int
	RefundedLeads int
	// Evidence: SHA-256 of this case's files; Seen: the same hashes found
	// in other cases, of this provider or another (storage looks them up).
	Evidence []string
	Seen     []SeenHash
}

// Findings runs every automatic check, in a fixed order: window,
// duplicate, repeat, refund rate, recent unlock, reused evidence. Each
// failing lead or reused file adds its own finding; a check with nothing
// to report adds one pass.
func Findings(cfg Config, in FindingsInput, now time.Time) []Finding {
	at := in.SubmittedAt
	if at.IsZero() {
		at = now
	}
	loc := now.Location()
	var out []Finding
	add := func(check string, l Level, key Key, args ...string) {
		out = append(out, Finding{Check: check, Level: l, Message: Text(LangEnglish, key, Msg(key, args...).Args)})
	}
	days := strconv.Itoa(cfg.RefundWindowDays)

	n := len(out)
	for _, l := range in.Leads {
		if !InWindow(cfg, l.UnlockedAt, at) {
			add(CheckWindow, LevelFail, KeyFindWindowFail, "lead", l.LeadID, "days", days,
				"date", FormatTime(WindowCloses(cfg, l.UnlockedAt), loc))
		}
	}
	if len(out) == n {
		add(CheckWindow, LevelPass, KeyFindWindowOK, "count", strconv.Itoa(len(in.Leads)), "days", days)
	}

	n = len(out)
	for _, l := range in.Leads {
		if l.RefundedIn != "" && l.RefundedIn != in.CaseID {
			add(CheckDuplicate, LevelFail, KeyFindDupRefunded, "lead", l.LeadID, "case", l.RefundedIn)
		}
		if l.OpenCase != "" && l.OpenCase != in.CaseID {
			add(CheckDuplicate, LevelFail, KeyFindDupOpen, "lead", l.LeadID, "case", l.OpenCase)
		}
	}
	if len(out) == n {
		add(CheckDuplicate, LevelPass, KeyFindDupOK)
	}

	repeatDays := cfg.Findings.RepeatRequestDays
	since := at.Add(-time.Duration(repeatDays) * 24 * time.Hour)
	count := 1 // this case
	for _, c := range in.PriorCases {
		if c.ID != in.CaseID && c.CreatedAt.After(since) && !c.CreatedAt.After(at) {
			count++
		}
	}
	level, key := LevelPass, KeyFindRepeatOK
	if count >= cfg.Findings.RepeatRequestWarnAt {
		level, key = LevelWarn, KeyFindRepeatWarn
	}
	add(CheckRepeat, level, key, "ordinal", Ordinal(count), "days", strconv.Itoa(repeatDays))

	rateDays := strconv.Itoa(cfg.Findings.RefundRateDays)
	if in.Unlocks <= 0 {
		add(CheckRate, LevelWarn, KeyFindRateNone, "days", rateDays)
	} else {
		refunded := in.RefundedLeads + len(in.Leads)
		rate := float64(refunded) / float64(in.Unlocks)
		args := []string{"rate", percent(rate), "refunded", strconv.Itoa(refunded),
			"unlocks", strconv.Itoa(in.Unlocks), "days", rateDays}
		if rate > cfg.Findings.RefundRateWarnOver {
			add(CheckRate, LevelWarn, KeyFindRateWarn, append(args, "limit", percent(cfg.Findings.RefundRateWarnOver))...)
		} else {
			add(CheckRate, LevelPass, KeyFindRateOK, args...)
		}
	}

	n = len(out)
	recent := time.Duration(cfg.Findings.RecentUnlockHours) * time.Hour
	for _, l := range in.Leads {
		if age := at.Sub(l.UnlockedAt); age < recent {
			add(CheckRecent, LevelWarn, KeyFindRecentWarn, "lead", l.LeadID, "ago", HumanDuration(age))
		}
	}
	if len(out) == n {
		add(CheckRecent, LevelPass, KeyFindRecentOK, "hours", strconv.Itoa(cfg.Findings.RecentUnlockHours))
	}

	n = len(out)
	mine := map[string]bool{}
	for _, h := range in.Evidence {
		mine[h] = true
	}
	reported := map[string]bool{}
	for _, s := range in.Seen {
		if mine[s.SHA256] && s.CaseID != in.CaseID && !reported[s.CaseID] {
			reported[s.CaseID] = true
			key := KeyFindHashWarn
			if s.OtherProvider {
				key = KeyFindHashWarnOther
			}
			add(CheckReused, LevelWarn, key, "case", s.CaseID)
		}
	}
	if len(out) == n {
		add(CheckReused, LevelPass, KeyFindHashOK)
	}
	return out
}

// Worst is the most serious level among findings (pass when none).
func Worst(fs []Finding) Level {
	w := LevelPass
	for _, f := range fs {
		if f.Level == LevelFail {
			return LevelFail
		}
		if f.Level == LevelWarn {
			w = LevelWarn
		}
	}
	return w
}

// Ordinal writes n as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// HumanDuration writes a duration for people: "45 min" under an hour,
// "2 h" under two days, "3 d" beyond, rounded down; "0 min" when negative.
func HumanDuration(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", max(0, int(d/time.Minute)))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d/time.Hour))
	}
	return fmt.Sprintf("%d d", int(d/(24*time.Hour)))
}

func percent(share float64) string {
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}
