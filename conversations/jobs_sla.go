package conversations

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// SLA reminder counts kept in Case.Reminders.
const (
	slaReminded  = 1 // the first-response reminder was sent
	slaEscalated = 2 // the escalation was sent
)

// SLAReminder reminds the approvers, in the case's Slack thread, of every
// case waiting for an agent (open or pending_second) longer than
// policy.sla.first_response_hours since it was submitted: once. Past
// policy.sla.escalate_hours it escalates, once. A case first seen already
// past the escalation gets only the escalation. The message and the
// counter (Case.Reminders) are committed in one transaction with the
// job's slot marker, so a rerun sends nothing twice.
func (j *Jobs) SLAReminder(ctx context.Context, slot time.Time) error {
	now := j.o.Clock.Now()
	plan := func(c Case) (CaseSweep, bool) { return j.planSLA(c, now) }
	n, err := j.o.Store.SweepOpenCases(ctx, plan, JobMark{Job: JobSLAReminder, Slot: slot, At: now})
	if err != nil {
		return fmt.Errorf("%s: %w", JobSLAReminder, err)
	}
	j.committed(n)
	j.log.Info("sla reminders", "job", JobSLAReminder, "cases", n)
	return nil
}

// planSLA decides the reminder of one case at now. Pure.
func (j *Jobs) planSLA(c Case, now time.Time) (CaseSweep, bool) {
	if c.State != policy.StateOpen && c.State != policy.StatePendingSecond {
		return CaseSweep{}, false
	}
	sla := j.o.Policy.SLA
	age := now.Sub(c.CreatedAt)
	var text string
	var level int
	switch {
	case c.Reminders < slaEscalated && age >= hours(sla.EscalateHours):
		level = slaEscalated
		text = agentText(policy.KeySLAEscalation, "case", c.ID, "age", Age(age), "hours", strconv.Itoa(sla.EscalateHours))
	case c.Reminders < slaReminded && age >= hours(sla.FirstResponseHours):
		level = slaReminded
		text = agentText(policy.KeySLAReminder, "case", c.ID, "age", Age(age))
	default:
		return CaseSweep{}, false
	}
	if m := Mentions(j.o.Approvers); m != "" {
		text = m + " " + text
	}
	return CaseSweep{Reminders: level, Outbox: []OutboxMessage{{Transport: Slack, Kind: OutSlackThread,
		Recipient: j.channelOf(c), CaseID: c.ID, Text: text, CreatedAt: now}}}, true
}

var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// Mentions renders Slack mentions of the given user IDs ("<@U1> <@U2>").
// Anything that is not a Slack user ID is left out, so configuration can
// never inject markup.
func Mentions(users []string) string {
	var out []string
	for _, u := range users {
		if slackUserID.MatchString(u) {
			out = append(out, "<@"+u+">")
		}
	}
	return strings.Join(out, " ")
}

// Age renders a waiting time for agents: "45 min", "5 h 10 min", "2 d 3 h".
func Age(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	mins := int(d / time.Minute)
	switch {
	case mins < 60:
		return strconv.Itoa(mins) + " min"
	case mins < 24*60:
		if mins%60 == 0 {
			return strconv.Itoa(mins/60) + " h"
		}
		return fmt.Sprintf("%d h %d min", mins/60, mins%60)
	}
	h := mins / 60
	if h%24 == 0 {
		return strconv.Itoa(h/24) + " d"
	}
	return fmt.Sprintf("%d d %d h", h/24, h%24)
}
