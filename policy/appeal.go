package policy

import (
	"strconv"
	"time"
)

// AppealFacts is what CheckAppeal looks at: one case of the provider.
type AppealFacts struct {
	CaseID string
	State  State
	// DecidedAt is when the case reached its final state.
	DecidedAt time.Time
	// AppealOf is set when the case is itself an appeal.
	AppealOf string
	// AppealedIn is the appeal already made of this case, if any.
	AppealedIn string
}

// AppealClosesAt is the last instant a case decided at decidedAt can be
// appealed: policy.appeal_days later.
func AppealClosesAt(cfg Config, decidedAt time.Time) time.Time {
	return decidedAt.Add(time.Duration(cfg.AppealDays) * 24 * time.Hour)
}

// CheckAppeal decides whether a case may be appealed at now: only a
// rejected or partly approved case (for its refused leads), never an
// appeal itself, once, until AppealClosesAt (inclusive). A refusal is the
// message that says exactly why; nil means the appeal may go ahead. Dates
// are formatted in now's location.
func CheckAppeal(cfg Config, f AppealFacts, now time.Time) *Message {
	refuse := func(key Key, args ...string) *Message {
		m := Msg(key, append([]string{"case", f.CaseID}, args...)...)
		return &m
	}
	switch {
	case f.AppealOf != "":
		return refuse(KeyAppealOfAppeal, "appeal", f.AppealOf)
	case f.AppealedIn != "":
		return refuse(KeyAppealAlready, "appeal", f.AppealedIn)
	case f.State != StateRejected && f.State != StatePartlyApproved:
		return refuse(KeyAppealNotAppealable, "state", Text(LangEnglish, StateKey(f.State), nil))
	}
	if closes := AppealClosesAt(cfg, f.DecidedAt); now.After(closes) {
		return refuse(KeyAppealTooLate, "date", FormatTime(closes, now.Location()), "days", strconv.Itoa(cfg.AppealDays))
	}
	return nil
}
