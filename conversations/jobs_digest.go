package conversations

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// topReasons is how many reasons the digest names.
const topReasons = 3

// ReasonCount is how many new cases gave one reason.
type ReasonCount struct {
	Reason policy.ReasonCode
	Count  int
}

// DigestStats is one day of the desk: what came in and what was decided
// during [From, To), and the backlog at Now.
type DigestStats struct {
	From, To, Now time.Time
	New           int
	TopReasons    []ReasonCount // most frequent first, at most topReasons
	Approved      int
	Partly        int
	Rejected      int
	Expired       int
	Credited      int64 // coins credited by the day's approvals
	Open          int   // cases not final at Now
	OldestCase    string
	Oldest        time.Duration // age at Now of the oldest open case
	Overdue       int           // open cases past the first-response SLA
}

// Digest computes the stats of [from, to) and the backlog at now. A
// decision counts on the day of its transition. Pure.
func Digest(cases []Case, from, to, now time.Time, firstResponse time.Duration) DigestStats {
	st := DigestStats{From: from, To: to, Now: now}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	reasons := map[policy.ReasonCode]int{}
	for _, c := range cases {
		if in(c.CreatedAt) {
			st.New++
			reasons[c.Reason]++
		}
		for _, tr := range c.History {
			if !in(tr.At) {
				continue
			}
			switch tr.To {
			case policy.StateApproved:
				st.Approved++
				st.Credited += c.Credited
			case policy.StatePartlyApproved:
				st.Partly++
				st.Credited += c.Credited
			case policy.StateRejected:
				st.Rejected++
			case policy.StateExpired:
				st.Expired++
			}
		}
		if c.State.Final() {
			continue
		}
		st.Open++
		age := now.Sub(c.CreatedAt)
		if st.OldestCase == "" || age > st.Oldest {
			st.OldestCase, st.Oldest = c.ID, age
		}
		if c.State != policy.StateWaitingProvider && age >= firstResponse {
			st.Overdue++
		}
	}
	for r, n := range reasons {
		st.TopReasons = append(st.TopReasons, ReasonCount{r, n})
	}
	slices.SortFunc(st.TopReasons, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Reason, b.Reason))
	})
	st.TopReasons = st.TopReasons[:min(len(st.TopReasons), topReasons)]
	return st
}

// DailyDigest posts yesterday's digest (the day before slot, in the
// configured timezone) to the Slack channel. The message and the job's
// slot marker are committed in one transaction, so a slot posts at most
// one digest whatever happens.
func (j *Jobs) DailyDigest(ctx context.Context, slot time.Time) error {
	if j.o.SlackChannel == "" {
		return fmt.Errorf("%s: no Slack channel configured", JobDailyDigest)
	}
	now := j.o.Clock.Now()
	local := slot.In(j.o.Location)
	to := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, j.o.Location)
	from := to.AddDate(0, 0, -1)
	cases, err := j.o.Store.Cases(ctx, "")
	if err != nil {
		return fmt.Errorf("%s: %w", JobDailyDigest, err)
	}
	st := Digest(cases, from, to, now, hours(j.o.Policy.SLA.FirstResponseHours))
	msg := OutboxMessage{Transport: Slack, Kind: OutSlackPost, Recipient: j.o.SlackChannel,
		Text: RenderDigest(st, j.o.Policy.SLA.FirstResponseHours), CreatedAt: now}
	done, err := j.o.Store.CommitSlot(ctx, JobMark{Job: JobDailyDigest, Slot: slot, At: now}, msg)
	if err != nil {
		return fmt.Errorf("%s: %w", JobDailyDigest, err)
	}
	if done {
		j.committed(1)
	}
	j.log.Info("digest", "job", JobDailyDigest, "day", from.Format(time.DateOnly), "posted", done)
	return nil
}

// RenderDigest renders the digest as Slack mrkdwn (values escaped).
func RenderDigest(st DigestStats, firstResponseHours int) string {
	lines := []string{"*" + agentText(policy.KeyDigestHeader, "date", st.From.Format("Mon 2 Jan 2006")) + "*"}
	decided := st.Approved + st.Partly + st.Rejected + st.Expired
	if st.New == 0 && decided == 0 && st.Open == 0 {
		return strings.Join(append(lines, agentText(policy.KeyDigestNone)), "\n")
	}
	lines = append(lines, agentText(policy.KeyDigestNew, "count", strconv.Itoa(st.New)))
	if len(st.TopReasons) > 0 {
		var parts []string
		for _, r := range st.TopReasons {
			title := string(r.Reason)
			if reason, ok := policy.ReasonByCode(r.Reason); ok {
				title = policy.Text(policy.LangEnglish, reason.Title, nil)
			}
			parts = append(parts, EscapeMrkdwn(title)+" "+strconv.Itoa(r.Count))
		}
		lines = append(lines, policy.Text(policy.LangEnglish, policy.KeyDigestTopReasons, policy.Args{"reasons": strings.Join(parts, ", ")}))
	}
	lines = append(lines,
		agentText(policy.KeyDigestDecided, "approved", strconv.Itoa(st.Approved), "partly", strconv.Itoa(st.Partly),
			"rejected", strconv.Itoa(st.Rejected), "expired", strconv.Itoa(st.Expired)),
		agentText(policy.KeyDigestCredited, "coins", coins(st.Credited)))
	oldest := "-"
	if st.Open > 0 {
		oldest = Age(st.Oldest) + " (" + st.OldestCase + ")"
	}
	lines = append(lines, agentText(policy.KeyDigestOpen, "count", strconv.Itoa(st.Open), "oldest", oldest))
	if st.Overdue > 0 {
		lines = append(lines, agentText(policy.KeyDigestOverdue, "count", strconv.Itoa(st.Overdue),
			"hours", strconv.Itoa(firstResponseHours)))
	}
	return strings.Join(lines, "\n")
}
