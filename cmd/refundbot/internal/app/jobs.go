package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
)

// RunJob runs the configured job name once now, enabled or not, over the
// app's store, as `refundbot jobs run` does: the slot it runs for is now.
// Messages it queues stay in the outbox for the next serve.
func (a *App) RunJob(ctx context.Context, name string) error {
	s, err := a.Scheduler(a.desk(nil), nil)
	if err != nil {
		return err
	}
	return s.RunNow(ctx, name)
}

// desk is the desk service over the app's store; onCommit (may be nil)
// wakes the delivery worker.
func (a *App) desk(onCommit func()) *conversations.DeskService {
	return conversations.NewDesk(conversations.DeskOptions{
		Store: a.Store, Policy: a.Config.Policy, Approvers: a.Config.Slack.Approvers, Clock: a.Clock,
		Logger: a.Log, OnCommit: onCommit, SlackChannel: a.Config.Slack.Channel, Location: a.Location(),
	})
}

// JobStatus is each configured job's spec, switch, last and next run. a
// is nil when the database could not be opened; the last runs are then
// unknown.
func JobStatus(ctx context.Context, cfg Config, a *App) ([]bot.JobStatus, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, fmt.Errorf("timezone: %w", err)
	}
	var slots bot.SlotStore = noSlots{}
	clock := conversations.Clock(conversations.SystemClock{})
	if a != nil {
		slots, clock = a.Store, a.Clock
	}
	var jobs []bot.Job
	for _, j := range cfg.Jobs.All() {
		jobs = append(jobs, bot.Job{Name: j.Name, Spec: j.Spec, Enabled: j.Enabled,
			Run: func(context.Context, time.Time) error { return nil }})
	}
	s, err := bot.NewScheduler(bot.SchedulerOptions{Jobs: jobs, Location: loc, Clock: clock, Slots: slots})
	if err != nil {
		return nil, err
	}
	return s.Status(ctx)
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
