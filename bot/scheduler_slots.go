package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/robfig/cron/v3"
)

// maxSlotSteps bounds the walk from the last slot done to now (a year of
// minutes is about 526,000 activations).
const maxSlotSteps = 1 << 20

// DueSlot returns the latest activation of sched after after and not
// after now, or the zero time when there is none. Times are taken in loc,
// the timezone of specs without CRON_TZ.
func DueSlot(sched cron.Schedule, loc *time.Location, after, now time.Time) time.Time {
	var slot time.Time
	t := after.In(loc)
	for range maxSlotSteps {
		next := sched.Next(t)
		if next.IsZero() || next.After(now) {
			break
		}
		slot, t = next, next
	}
	return slot
}

// runDue runs the slot j owes at now, if any, unless j is running (then
// the skip is counted). It returns the run's error, already recorded.
func (s *Scheduler) runDue(ctx context.Context, j *schedJob, now time.Time) error {
	if !j.mu.TryLock() {
		s.count(j.Name, "skipped")
		s.log.Warn("job still running: slot skipped", "job", j.Name)
		return nil
	}
	defer j.mu.Unlock()
	m, err := s.o.Slots.JobMark(ctx, j.Name)
	if err != nil {
		return fmt.Errorf("job %s: %w", j.Name, err)
	}
	after := m.Slot
	if m.Since.After(after) {
		after = m.Since
	}
	if after.IsZero() {
		after = now // never seen: nothing owed before now
	}
	slot := DueSlot(j.sched, s.o.Location, after, now)
	if slot.IsZero() {
		return nil
	}
	return s.runSlot(ctx, j, slot)
}

// runSlot runs j for slot, recovering a panic, and records the outcome:
// the slot as done, or the failure (the last slot done stays).
func (s *Scheduler) runSlot(ctx context.Context, j *schedJob, slot time.Time) error {
	start := s.o.Clock.Now()
	err := s.call(ctx, j, slot)
	end := s.o.Clock.Now()
	// The record must outlive a shutdown that cancelled the job.
	rctx := context.WithoutCancel(ctx)
	if err != nil {
		s.count(j.Name, "failure")
		s.log.Error("job failed", "job", j.Name, "slot", slot, "error", err)
		if rerr := s.o.Slots.SlotFailed(rctx, j.Name, slot, end, err.Error()); rerr != nil {
			s.log.Error("job failure not recorded", "job", j.Name, "error", rerr)
		}
		return err
	}
	if err := s.o.Slots.SlotDone(rctx, j.Name, slot, end); err != nil {
		s.count(j.Name, "failure")
		s.log.Error("job slot not recorded", "job", j.Name, "slot", slot, "error", err)
		return fmt.Errorf("job %s: record slot: %w", j.Name, err)
	}
	s.count(j.Name, "success")
	s.log.Info("job done", "job", j.Name, "slot", slot, "took", end.Sub(start))
	return nil
}

// call runs the body, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, j *schedJob, slot time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("job panicked", "job", j.Name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("job %s panicked: %v", j.Name, r)
		}
	}()
	return j.Run(ctx, slot)
}

func (s *Scheduler) count(job, result string) {
	if s.o.Metrics != nil {
		s.o.Metrics.JobRuns.WithLabelValues(job, result).Inc()
	}
}

// JobStatus is what `refundbot jobs` shows of one job.
type JobStatus struct {
	Name     string
	Spec     string
	Enabled  bool
	LastSlot time.Time // latest slot done (zero: none)
	LastRun  time.Time // when the latest run, done or failed, ended
	LastErr  string    // error of the latest run if it failed
	Next     time.Time // next activation after now; zero when disabled
}

// Status reports every job, in order, at the clock's now.
func (s *Scheduler) Status(ctx context.Context) ([]JobStatus, error) {
	now := s.o.Clock.Now().In(s.o.Location)
	out := make([]JobStatus, 0, len(s.jobs))
	for _, j := range s.jobs {
		m, err := s.o.Slots.JobMark(ctx, j.Name)
		if err != nil {
			return nil, fmt.Errorf("status of job %s: %w", j.Name, err)
		}
		st := JobStatus{Name: j.Name, Spec: j.Spec, Enabled: j.Enabled, LastSlot: m.Slot, LastRun: m.At, LastErr: m.Err}
		if m.FailedAt.After(st.LastRun) {
			st.LastRun = m.FailedAt
		}
		if j.Enabled {
			st.Next = j.sched.Next(now)
		}
		out = append(out, st)
	}
	return out, nil
}

// cronLogger sends robfig/cron's logging to slog: its chatter at debug,
// its errors (recovered panics) at error.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron "+msg, append(kv, "error", err)...)
}
