package policy

import (
	"strconv"
	"strings"
	"time"
)

// Refusal is why a lead cannot enter a case. Codes are stable.
type Refusal string

const (
	RefusalNone            Refusal = ""
	RefusalUnknown         Refusal = "unknown"          // no provider unlocked this lead
	RefusalNotYours        Refusal = "not_yours"        // another provider unlocked it
	RefusalAlreadyRefunded Refusal = "already_refunded" // refunded in an earlier case
	RefusalInOpenCase      Refusal = "in_open_case"     // reserved by an open case
	RefusalOutsideWindow   Refusal = "outside_window"   // past policy.refund_window_days
	RefusalTooEarly        Refusal = "too_early"        // non_responsive before min_wait_hours
	RefusalNoCoins         Refusal = "no_coins"         // nothing was spent on it
)

// LeadFacts is what storage knows of one lead, for one provider.
type LeadFacts struct {
	LeadID string
	// Found: this provider unlocked the lead; the fields below are theirs.
	Found bool
	// OwnedByOther: not Found, but another provider unlocked it.
	OwnedByOther bool
	Coins        int64
	UnlockedAt   time.Time
	RefundedIn   string // the case that refunded it, if any
	OpenCase     string // the open case that reserves it, if any
	Reason       ReasonCode
}

// LeadVerdict is CheckLead's answer.
type LeadVerdict struct {
	OK      bool
	Refusal Refusal
	// Message is KeyLeadAccepted when OK, else the refusal's text, with
	// its arguments (lead, coins, case, date, time, days, hours).
	Message Message
	// At is when the window closed (outside_window) or when the lead can
	// be claimed (too_early); zero otherwise.
	At time.Time
}

// WindowCloses is the last instant a lead unlocked at unlockedAt can be
// claimed: unlockedAt + policy.refund_window_days × 24 h. The window is
// inclusive: a claim at exactly that instant is inside, a claim one
// nanosecond later is outside.
func WindowCloses(cfg Config, unlockedAt time.Time) time.Time {
	return unlockedAt.Add(time.Duration(cfg.RefundWindowDays) * 24 * time.Hour)
}

// InWindow reports whether a lead unlocked at unlockedAt can be claimed at now.
func InWindow(cfg Config, unlockedAt, now time.Time) bool {
	return !now.After(WindowCloses(cfg, unlockedAt))
}

// ClaimableFrom is the first instant a lead can be claimed for reason r:
// the unlock itself, or for a non-responsive client unlock +
// policy.non_responsive.min_wait_hours (inclusive).
func ClaimableFrom(cfg Config, r ReasonCode, unlockedAt time.Time) time.Time {
	if reason, ok := ReasonByCode(r); ok && reason.MinWait {
		return unlockedAt.Add(time.Duration(cfg.NonResponsive.MinWaitHours) * time.Hour)
	}
	return unlockedAt
}

// CheckLead decides whether one lead may enter a case at now. The checks,
// in order: the lead is known, unlocked by this provider, not refunded
// already, not in an open case, coins were spent on it, inside the refund
// window, and (non-responsive client) the minimum wait has passed. Dates
// in the message are formatted in now's location: pass now in the
// configured timezone.
func CheckLead(cfg Config, in LeadFacts, now time.Time) LeadVerdict {
	lead := in.LeadID
	refuse := func(r Refusal, at time.Time, key Key, args ...string) LeadVerdict {
		return LeadVerdict{Refusal: r, At: at, Message: Msg(key, append([]string{"lead", lead}, args...)...)}
	}
	switch {
	case !in.Found && in.OwnedByOther:
		return refuse(RefusalNotYours, time.Time{}, KeyLeadNotYours)
	case !in.Found:
		return refuse(RefusalUnknown, time.Time{}, KeyLeadUnknown)
	case in.RefundedIn != "":
		return refuse(RefusalAlreadyRefunded, time.Time{}, KeyLeadAlreadyRefunded, "case", in.RefundedIn)
	case in.OpenCase != "":
		return refuse(RefusalInOpenCase, time.Time{}, KeyLeadInOpenCase, "case", in.OpenCase)
	case in.Coins <= 0:
		return refuse(RefusalNoCoins, time.Time{}, KeyLeadNoCoins)
	}
	if !InWindow(cfg, in.UnlockedAt, now) {
		closed := WindowCloses(cfg, in.UnlockedAt)
		return refuse(RefusalOutsideWindow, closed, KeyLeadOutsideWindow,
			"date", FormatTime(closed, now.Location()), "days", strconv.Itoa(cfg.RefundWindowDays))
	}
	if from := ClaimableFrom(cfg, in.Reason, in.UnlockedAt); now.Before(from) {
		return refuse(RefusalTooEarly, from, KeyLeadTooEarly,
			"time", FormatTime(from, now.Location()), "hours", strconv.Itoa(cfg.NonResponsive.MinWaitHours))
	}
	return LeadVerdict{OK: true, Message: Msg(KeyLeadAccepted, "lead", lead, "coins", strconv.FormatInt(in.Coins, 10))}
}

// CheckLeadCount reports whether one more lead fits a case that holds
// inCase leads (at most policy.max_leads_per_case); when not, the message
// says so.
func CheckLeadCount(cfg Config, inCase int) (bool, Message) {
	if inCase < cfg.MaxLeadsPerCase {
		return true, Message{}
	}
	return false, Msg(KeyLeadTooMany, "max", strconv.Itoa(cfg.MaxLeadsPerCase))
}

// MaxLeadIDLen is the longest lead ID ParseLeadIDs accepts.
const MaxLeadIDLen = MaxIDLen

// ParseLeadIDs splits a provider's message into lead IDs: separated by
// spaces, new lines, commas or semicolons, a leading '#' dropped,
// upper-cased (storage keeps IDs upper-case), duplicates removed, order
// kept. Tokens that are not IDs (ValidID, the grammar every edge shares)
// are returned in bad as sent.
func ParseLeadIDs(text string) (ids, bad []string) {
	seen := map[string]bool{}
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' || r == '\r'
	})
	for _, f := range fields {
		id := strings.ToUpper(strings.TrimPrefix(f, "#"))
		if !ValidID(id) {
			bad = append(bad, f)
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, bad
}

// FormatTime formats an instant for providers and agents in loc, for
// example "02 Jan 2026, 15:04 IST". A nil loc means UTC.
func FormatTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("02 Jan 2006, 15:04 MST")
}

// FormatDate formats a day, for example "02 Jan 2026".
func FormatDate(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("02 Jan 2006")
}
