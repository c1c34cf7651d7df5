package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
)

// scheduler builds the scheduler of the configured jobs over the app's
// store: the bodies of conversations.Jobs, each with its spec and switch
// from the `jobs:` section, in the configured timezone. desk closes
// expired info requests; onCommit (may be nil) wakes the delivery worker.
// serve runs it with Run(ctx) beside the other parts.
func (a *app) scheduler(desk conversations.CaseExpirer, onCommit func()) (*bot.Scheduler, error) {
	loc := a.location()
	jobs := conversations.NewJobs(conversations.JobsOptions{
		Store: a.store, Desk: desk, Policy: a.cfg.Policy, Approvers: a.cfg.Slack.Approvers,
		SlackChannel: a.cfg.Slack.Channel, Location: loc, Clock: a.clock, Logger: a.log, OnCommit: onCommit,
		BackupDir: a.cfg.Storage.BackupDir, BackupKeep: a.cfg.Jobs.Backup.Keep,
		EvidenceDir: a.cfg.Storage.EvidenceDir, RetentionDays: a.cfg.Jobs.EvidenceRetention.RetentionDays,
		RecordsKeepDays: a.cfg.Jobs.RecordsRetention.KeepDays,
	})
	return newScheduler(a.cfg, jobs, loc, a.clock, a.log, a.metrics, a.store)
}

// newScheduler pairs each configured job (cfg.Jobs.All) with its body.
func newScheduler(cfg Config, jobs *conversations.Jobs, loc *time.Location, clock conversations.Clock,
	log *slog.Logger, m *bot.Metrics, slots bot.SlotStore) (*bot.Scheduler, error) {
	var list []bot.Job
	for _, j := range cfg.Jobs.All() {
		body, ok := jobs.Body(j.Name)
		if !ok {
			return nil, fmt.Errorf("job %s has no body", j.Name)
		}
		list = append(list, bot.Job{Name: j.Name, Spec: j.Spec, Enabled: j.Enabled, Run: body})
	}
	return bot.NewScheduler(bot.SchedulerOptions{Jobs: list, Location: loc, Clock: clock, Logger: log, Metrics: m, Slots: slots})
}

// runJobs is `refundbot jobs` (each job's spec, switch, last and next
// run) and `refundbot jobs run NAME` (run one job now, enabled or not;
// the slot it runs for is now). Both need the database, so they work
// while no `serve` holds it; the listing then still shows specs and next
// runs, and says why the last runs are missing.
func runJobs(ctx context.Context, c *cli) error {
	cfg, _, err := c.config()
	if err != nil {
		return err
	}
	if w := c.inv.words; len(w) == 3 && w[1] == "run" {
		return runJobNow(ctx, c, cfg, w[2])
	}
	a, err := newApp(ctx, cfg, deps{Stderr: c.stderr, MustExist: true})
	if err != nil {
		fmt.Fprintf(c.stderr, "last runs unavailable: %v\n", err)
		return listJobs(ctx, c.stdout, cfg, nil)
	}
	defer a.Close()
	return listJobs(ctx, c.stdout, cfg, a)
}

func runJobNow(ctx context.Context, c *cli, cfg Config, name string) error {
	return withStore(ctx, c, func(a *app) error {
		desk := conversations.NewDesk(conversations.DeskOptions{
			Store: a.store, Policy: a.cfg.Policy, Approvers: a.cfg.Slack.Approvers, Clock: a.clock,
			Logger: a.log, SlackChannel: a.cfg.Slack.Channel, Location: a.location(),
		})
		s, err := a.scheduler(desk, nil)
		if err != nil {
			return err
		}
		start := a.clock.Now()
		if err := s.RunNow(ctx, name); err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.stdout, "%s done in %s (messages it queued go out with the next serve)\n",
			name, a.clock.Now().Sub(start).Round(time.Millisecond))
		return err
	})
}

// listJobs prints the jobs; a is nil when the database could not be opened.
func listJobs(ctx context.Context, w io.Writer, cfg Config, a *app) error {
	loc, err := cfg.Location()
	if err != nil {
		return fmt.Errorf("timezone: %w", err)
	}
	var slots bot.SlotStore = noSlots{}
	clock := conversations.Clock(conversations.SystemClock{})
	if a != nil {
		slots, clock = a.store, a.clock
	}
	var jobs []bot.Job
	for _, j := range cfg.Jobs.All() {
		jobs = append(jobs, bot.Job{Name: j.Name, Spec: j.Spec, Enabled: j.Enabled,
			Run: func(context.Context, time.Time) error { return nil }})
	}
	s, err := bot.NewScheduler(bot.SchedulerOptions{Jobs: jobs, Location: loc, Clock: clock, Slots: slots})
	if err != nil {
		return err
	}
	status, err := s.Status(ctx)
	if err != nil {
		return err
	}
	return writeJobs(w, status, loc)
}

func writeJobs(w io.Writer, status []bot.JobStatus, loc *time.Location) error {
	at := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.In(loc).Format(timeLayout)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tENABLED\tSPEC\tLAST SLOT\tLAST RUN\tNEXT\tLAST ERROR")
	for _, st := range status {
		on, errText := "no", st.LastErr
		if st.Enabled {
			on = "yes"
		}
		if errText == "" {
			errText = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", st.Name, on, st.Spec, at(st.LastSlot), at(st.LastRun), at(st.Next), errText)
	}
	return tw.Flush()
}

// noSlots is the slot store of a listing without the database: nothing known.
type noSlots struct{}

func (noSlots) JobMark(_ context.Context, job string) (conversations.JobMark, error) {
	return conversations.JobMark{Job: job}, nil
}
func (noSlots) JobSeen(context.Context, string, time.Time) error { return nil }
func (noSlots) SlotDone(context.Context, string, time.Time, time.Time) error {
	return nil
}
func (noSlots) SlotFailed(context.Context, string, time.Time, time.Time, string) error { return nil }
