package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
)

// Scheduler builds the Scheduler of the configured jobs over the app's
// store: the bodies of conversations.Jobs, each with its spec and switch
// from the `jobs:` section, in the configured timezone. desk closes
// expired info requests; onCommit (may be nil) wakes the delivery worker.
// serve runs it with Run(ctx) beside the other parts.
func (a *App) Scheduler(desk conversations.CaseExpirer, onCommit func()) (*bot.Scheduler, error) {
	loc := a.Location()
	jobs := conversations.NewJobs(conversations.JobsOptions{
		Store: a.Store, Desk: desk, Policy: a.Config.Policy, Approvers: a.Config.Slack.Approvers,
		SlackChannel: a.Config.Slack.Channel, Location: loc, Clock: a.Clock, Logger: a.Log, OnCommit: onCommit,
		BackupDir: a.Config.Storage.BackupDir, BackupKeep: a.Config.Jobs.Backup.Keep,
		EvidenceDir: a.Config.Storage.EvidenceDir, RetentionDays: a.Config.Jobs.EvidenceRetention.RetentionDays,
		RecordsKeepDays: a.Config.Jobs.RecordsRetention.KeepDays,
	})
	return newScheduler(a.Config, jobs, loc, a.Clock, a.Log, a.Metrics, a.Store)
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
