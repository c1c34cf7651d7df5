package main

import (
	"fmt"
	"log/slog"
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
