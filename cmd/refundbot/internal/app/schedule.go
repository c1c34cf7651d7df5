package app

import (
	"fmt"
	"log/slog"
	"path/filepath"
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
	return newScheduler(a.Config, a.jobs(desk, onCommit), a.Location(), a.Clock, a.Log, a.Metrics, a.Store, nil)
}

// replicaJobs are the jobs whose work is each replica's own: pruning its
// evidence_dir, a cache of this replica's. On etcd every replica runs them
// on its own schedule, leader or not, with their slots in a file beside
// that work (localSlots), not in the shared store.
var replicaJobs = map[string]bool{conversations.JobEvidenceRetention: true}

// localSlots is the file of the slots of this replica's own jobs.
const localSlots = ".refundbot-jobs.json"

// schedulers builds, on etcd, the leader's scheduler (every job but the
// replicaJobs) and this replica's own (the replicaJobs, slots in
// evidence_dir); on bbolt the one process runs everything in the first,
// and own is nil.
func (a *App) schedulers(desk conversations.CaseExpirer, onCommit func()) (leader, own *bot.Scheduler, err error) {
	jobs, loc := a.jobs(desk, onCommit), a.Location()
	if !a.Config.Storage.OnEtcd() {
		leader, err = newScheduler(a.Config, jobs, loc, a.Clock, a.Log, a.Metrics, a.Store, nil)
		return leader, nil, err
	}
	shared := func(name string) bool { return !replicaJobs[name] }
	if leader, err = newScheduler(a.Config, jobs, loc, a.Clock, a.Log, a.Metrics, a.Store, shared); err != nil {
		return nil, nil, err
	}
	slots := &bot.FileSlots{Path: filepath.Join(a.Config.Storage.EvidenceDir, localSlots)}
	mine := func(name string) bool { return replicaJobs[name] }
	own, err = newScheduler(a.Config, jobs, loc, a.Clock, a.Log, a.Metrics, slots, mine)
	return leader, own, err
}

// jobs are the bodies of the scheduled jobs over the app's store.
func (a *App) jobs(desk conversations.CaseExpirer, onCommit func()) *conversations.Jobs {
	loc := a.Location()
	return conversations.NewJobs(conversations.JobsOptions{
		Store: a.Store, Desk: desk, Policy: a.Config.Policy, Approvers: a.Config.Slack.Approvers,
		SlackChannel: a.Config.Slack.Channel, Location: loc, Clock: a.Clock, Logger: a.Log, OnCommit: onCommit,
		BackupDir: a.Config.Storage.BackupDir, BackupKeep: a.Config.Jobs.Backup.Keep,
		EvidenceDir: a.Config.Storage.EvidenceDir, RetentionDays: a.Config.Jobs.EvidenceRetention.RetentionDays,
		RecordsKeepDays: a.Config.Jobs.RecordsRetention.KeepDays,
	})
}

// newScheduler pairs each configured job (cfg.Jobs.All) that keep lets
// in (all when nil) with its body.
func newScheduler(cfg Config, jobs *conversations.Jobs, loc *time.Location, clock conversations.Clock,
	log *slog.Logger, m *bot.Metrics, slots bot.SlotStore, keep func(name string) bool) (*bot.Scheduler, error) {
	var list []bot.Job
	for _, j := range cfg.Jobs.All() {
		if keep != nil && !keep(j.Name) {
			continue
		}
		body, ok := jobs.Body(j.Name)
		if !ok {
			return nil, fmt.Errorf("job %s has no body", j.Name)
		}
		list = append(list, bot.Job{Name: j.Name, Spec: j.Spec, Enabled: j.Enabled, Run: body})
	}
	return bot.NewScheduler(bot.SchedulerOptions{Jobs: list, Location: loc, Clock: clock, Logger: log, Metrics: m, Slots: slots})
}
