package story

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdWallet is `wallet PROVIDER is COINS`: once the bot is quiet, the
// provider's balance (PROVIDER is a provider ID or a story name).
func cmdWallet(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) != 3 || args[1] != "is" {
		ts.Fatalf("usage: wallet PROVIDER is COINS")
	}
	want, err := strconv.ParseInt(args[2], 10, 64)
	if err != nil {
		ts.Fatalf("wallet: %q is not a number of coins", args[2])
	}
	id := args[0]
	if p, ok := s.people[id]; ok {
		id = p.providerID
	}
	s.settle(ts, 0)
	wl, err := s.w.App.Store.Wallet(s.ctx, id)
	if err != nil {
		ts.Fatalf("wallet %s: %v", id, err)
	}
	if (wl.Balance == want) == neg {
		var b strings.Builder
		for _, e := range wl.Entries {
			fmt.Fprintf(&b, "  %-8s %+6d  %s\n", e.Kind, e.Coins, e.Ref)
		}
		ts.Fatalf("wallet %s is %d, want %s%d; its entries:\n%s", id, wl.Balance, map[bool]string{true: "not "}[neg], want, b.String())
	}
}

// cmdCase is `case RF-1 is STATE`, `case RF-1 has LEAD DECISION` and
// `case RF-1 exists`, read from the store once the bot is quiet.
func cmdCase(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) < 2 {
		ts.Fatalf("usage: case CASE_ID is STATE | has LEAD DECISION | exists")
	}
	s.settle(ts, 0)
	c, err := s.w.App.Store.Case(s.ctx, args[0])
	if args[1] == "exists" {
		if (err == nil) == neg {
			ts.Fatalf("case %s: exists=%v, want %v (%v)", args[0], err == nil, !neg, err)
		}
		return
	}
	if err != nil {
		ts.Fatalf("case %s: %v", args[0], err)
	}
	var what, got, want string
	switch {
	case args[1] == "is" && len(args) == 3:
		what, got, want = "case "+c.ID, string(c.State), args[2]
	case args[1] == "has" && len(args) == 4:
		what, got, want = "lead "+args[2]+" of case "+c.ID, "not in the case", args[3]
		for _, l := range c.Leads {
			if l.LeadID == args[2] {
				got = string(l.Decision)
			}
		}
	default:
		ts.Fatalf("usage: case CASE_ID is STATE | has LEAD DECISION | exists")
	}
	if (got == want) == neg {
		ts.Fatalf("%s is %s, want %s%s", what, got, map[bool]string{true: "not "}[neg], want)
	}
}

// cmdSlack is `slack down` / `slack up` (an outage of the fake Slack),
// `slack shows [-re] TEXT` (some message of the cases channel, replies
// included; waits), `slack thread CASE_ID has N files` (waits) and
// `slack thread CASE_ID has N mentioning TEXT` (once the bot is quiet).
func cmdSlack(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	switch {
	case len(args) == 1 && (args[0] == "down" || args[0] == "up") && !neg:
		s.w.Slack.SetDown(args[0] == "down")
	case len(args) >= 2 && args[0] == "shows":
		m := matcherOf(ts, args[1:], "slack shows [-re] TEXT")
		found := func() bool { return m.match(s.renderChannel()) }
		if neg {
			s.settle(ts, 0)
			if found() {
				ts.Fatalf("Slack shows %s, and should not:\n%s", m, indent(s.renderChannel()))
			}
			return
		}
		s.waitFor(ts, "Slack to show "+m.String(), found, func() string { return "the channel shows:\n" + indent(s.renderChannel()) })
	case len(args) == 5 && args[0] == "thread" && args[2] == "has" && args[4] == "files" && !neg:
		n, err := strconv.Atoi(args[3])
		if err != nil {
			ts.Fatalf("slack thread: %q is not a number", args[3])
		}
		card := s.card(ts, args[1])
		files := func() int {
			total := 0
			for _, m := range s.w.Slack.Thread(world.FakeChannel, card.TS) {
				total += len(m.Files)
			}
			return total
		}
		s.waitFor(ts, fmt.Sprintf("%d files in the thread of %s", n, args[1]), func() bool { return files() == n },
			func() string { return fmt.Sprintf("it has %d", files()) })
	case len(args) == 6 && args[0] == "thread" && args[2] == "has" && args[4] == "mentioning" && !neg:
		n, err := strconv.Atoi(args[3])
		if err != nil {
			ts.Fatalf("slack thread: %q is not a number", args[3])
		}
		s.settle(ts, 0)
		card := s.card(ts, args[1])
		got := 0
		for _, m := range s.w.Slack.Thread(world.FakeChannel, card.TS) {
			if strings.Contains(m.Text, args[5]) {
				got++
			}
		}
		if got != n {
			ts.Fatalf("the thread of %s has %d messages mentioning %s, want %d", args[1], got, args[5], n)
		}
	default:
		ts.Fatalf("usage: slack down | slack up | slack shows [-re] TEXT | slack thread CASE_ID has N files | slack thread CASE_ID has N mentioning TEXT")
	}
}

// cmdClock is `clock set TIME` (RFC 3339) and `clock advance DURATION`
// (Go durations, plus days: 3d, 1d12h).
func cmdClock(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if !neg && len(args) == 4 && args[0] == "advance" && args[2] == "every" {
		clockSteps(ts, s, args[1], args[3])
		return
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: clock set 2026-03-10T10:00:00+05:30 | clock advance 5h [every 5m]")
	}
	switch args[0] {
	case "set":
		t, err := time.Parse(time.RFC3339, args[1])
		if err != nil {
			ts.Fatalf("clock set: %v", err)
		}
		s.clock.Set(t)
	case "advance":
		d, err := storyDuration(args[1])
		if err != nil || !s.clock.Advance(d) {
			ts.Fatalf("clock advance: %q is not a duration forward (5h, 30m, 3d) (%v)", args[1], err)
		}
		s.w.Sys.Delivery.Wake() // messages that waited for the new time are due now
	default:
		ts.Fatalf("usage: clock set TIME | clock advance DURATION")
	}
}

// storyDuration parses a Go duration with an optional leading days part.
func storyDuration(s string) (time.Duration, error) {
	days, rest, ok := strings.Cut(s, "d")
	if !ok {
		return time.ParseDuration(s)
	}
	n, err := strconv.Atoi(days)
	if err != nil {
		return 0, err
	}
	d := time.Duration(n) * 24 * time.Hour
	if rest != "" {
		r, err := time.ParseDuration(rest)
		if err != nil {
			return 0, err
		}
		d += r
	}
	return d, nil
}

// clockSteps is `clock advance 7d every 5m`: the clock moves in steps and,
// at each, the running scheduler catches up as it does at start, running
// every slot that came due once. Cron itself runs on the real clock, so
// this is how a story lives through days of scheduled work.
func clockSteps(ts *testscript.TestScript, s *story, total, step string) {
	d, err1 := storyDuration(total)
	e, err2 := storyDuration(step)
	if err1 != nil || err2 != nil || d <= 0 || e <= 0 || d/e > 10000 {
		ts.Fatalf("clock advance %s every %s: want durations forward, at most 10000 steps", total, step)
	}
	for left := d; left > 0; left -= e {
		s.clock.Advance(min(e, left))
		if err := s.w.Sys.Jobs.CatchUp(s.ctx); err != nil {
			ts.Fatalf("scheduled jobs at %s: %v", s.clock.Now().Format(time.RFC3339), err)
		}
	}
	s.w.Sys.Delivery.Wake()
	s.settle(ts, 0)
}

// cmdJob is `job NAME`: run a scheduled job now, as at its slot; and
// `job NAME ran N`: since this process started, the job succeeded N times.
func cmdJob(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if len(args) == 3 && args[1] == "ran" {
		want, err := strconv.Atoi(args[2])
		if err != nil {
			ts.Fatalf("job %s ran N: %q is not a number", args[0], args[2])
		}
		var m dto.Metric
		if err := s.w.App.Metrics.JobRuns.WithLabelValues(args[0], "success").Write(&m); err != nil {
			ts.Fatalf("job %s ran: %v", args[0], err)
		}
		got := int(m.GetCounter().GetValue())
		if (got == want) == neg {
			ts.Fatalf("job %s ran %d times since the start, want %s%d", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
		}
		return
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: job NAME (sla-reminder, draft-expiry, info-expiry, daily-digest, backup, evidence-retention)")
	}
	if err := s.w.RunJob(s.ctx, args[0]); err != nil {
		ts.Fatalf("job %s: %v", args[0], err)
	}
	s.w.Sys.Delivery.Wake()
	s.settle(ts, 0)
}

// cmdRestart is `restart` (a clean stop, then start on the same data) and
// cmdCrash `crash` (drop the process without its graceful path, then start).
func cmdRestart(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg || len(args) != 0 {
		ts.Fatalf("usage: restart")
	}
	s.restarted(s.w.Slack.SocketDials())
	ts.Check(s.w.Restart(s.ctx))
	s.settle(ts, 0)
}

func cmdCrash(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg || len(args) != 0 {
		ts.Fatalf("usage: crash")
	}
	s.restarted(s.w.Slack.SocketDials())
	ts.Check(s.w.Crash(s.ctx))
	s.settle(ts, 0)
}
