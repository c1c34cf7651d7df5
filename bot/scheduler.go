package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// Job is one scheduled job: a cron spec (five fields or a descriptor,
// optionally prefixed CRON_TZ=Zone) in the scheduler's timezone, an on/off
// switch, and its body, which gets the schedule slot it runs for.
type Job struct {
	Name    string
	Spec    string
	Enabled bool
	Run     func(ctx context.Context, slot time.Time) error
}

// SlotStore keeps, per job, the latest slot done, durably, so that a slot
// runs once across restarts. *storage.DB implements it.
type SlotStore interface {
	// JobMark returns what is recorded of job (zero times when nothing).
	JobMark(ctx context.Context, job string) (conversations.JobMark, error)
	// JobSeen records the first time the scheduler saw job, once.
	JobSeen(ctx context.Context, job string, at time.Time) error
	// SlotDone advances job's last slot done (never back).
	SlotDone(ctx context.Context, job string, slot, at time.Time) error
	// SlotFailed records a failed run; the last slot done stays.
	SlotFailed(ctx context.Context, job string, slot, at time.Time, errText string) error
}

// SchedulerOptions configure NewScheduler. Jobs, Slots are required.
type SchedulerOptions struct {
	Jobs     []Job
	Location *time.Location // default UTC
	Clock    conversations.Clock
	Logger   *slog.Logger
	Metrics  *Metrics // optional: job runs by result
	Slots    SlotStore
}

// Scheduler runs jobs on robfig/cron, once per slot across restarts: a
// run's slot is the latest activation of the schedule not after now and
// after the last slot done; at start each job runs its missed slot once;
// a panic is recovered and recorded as a failure (the slot stays owed
// until the next slot); a job still running is not started again.
type Scheduler struct {
	o    SchedulerOptions
	log  *slog.Logger
	jobs []*schedJob
}

type schedJob struct {
	Job
	sched cron.Schedule
	mu    sync.Mutex // held while the job runs: overlapping runs are skipped
}

// ErrJobRunning is returned by RunNow while the job is running.
var ErrJobRunning = errors.New("job is already running")

// NewScheduler parses every job's spec (an error names the job) and
// returns the scheduler. Nothing runs until Run or RunNow.
func NewScheduler(o SchedulerOptions) (*Scheduler, error) {
	if o.Slots == nil {
		return nil, errors.New("scheduler: no slot store")
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Clock == nil {
		o.Clock = conversations.SystemClock{}
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Scheduler{o: o, log: log.With("component", "scheduler")}
	for _, j := range o.Jobs {
		if j.Name == "" || j.Run == nil {
			return nil, fmt.Errorf("scheduler: job %q needs a name and a body", j.Name)
		}
		if slices.ContainsFunc(s.jobs, func(o *schedJob) bool { return o.Name == j.Name }) {
			return nil, fmt.Errorf("scheduler: job %s listed twice", j.Name)
		}
		sched, err := ParseSpec(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("scheduler: job %s: %w", j.Name, err)
		}
		s.jobs = append(s.jobs, &schedJob{Job: j, sched: sched})
	}
	return s, nil
}

// ParseSpec parses a cron spec with the standard parser (five fields or a
// descriptor, optional CRON_TZ= prefix) without letting robfig/cron
// v3.0.1 panic on a spec of only a timezone.
func ParseSpec(spec string) (sched cron.Schedule, err error) {
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		return nil, errors.New("empty schedule")
	}
	if len(fields) == 1 && (strings.HasPrefix(fields[0], "CRON_TZ=") || strings.HasPrefix(fields[0], "TZ=")) {
		return nil, fmt.Errorf("%q has a timezone but no schedule", spec)
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("cannot parse schedule %q", spec)
		}
	}()
	sched, err = cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("bad schedule %q: %w", spec, err)
	}
	if err := checkSteps(fields); err != nil {
		return nil, fmt.Errorf("bad schedule %q: %w", spec, err)
	}
	return sched, nil
}

// fieldMax is the largest value of each of the five standard fields.
var fieldMax = [5]int{59, 23, 31, 12, 6}

// checkSteps refuses a step larger than its field ("*/99" in minutes):
// robfig/cron accepts it and then fires once an hour, at minute 0, which
// is not what anyone who wrote it meant.
func checkSteps(fields []string) error {
	if strings.HasPrefix(fields[0], "CRON_TZ=") || strings.HasPrefix(fields[0], "TZ=") {
		fields = fields[1:]
	}
	if len(fields) != len(fieldMax) {
		return nil // a descriptor such as @daily or @every 15m
	}
	names := [5]string{"minute", "hour", "day of month", "month", "day of week"}
	for i, f := range fields {
		for _, part := range strings.Split(f, ",") {
			_, step, ok := strings.Cut(part, "/")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(step); err != nil || n < 1 || n > fieldMax[i] {
				return fmt.Errorf("the %s step /%s is not between 1 and %d", names[i], step, fieldMax[i])
			}
		}
	}
	return nil
}

// Run records the enabled jobs as seen, runs each job's missed slot once
// (CatchUp), then runs the jobs on their schedules until ctx ends. It
// returns after the running jobs have finished (they see ctx cancelled).
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.CatchUp(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("catch-up failed", "error", err)
	}
	cl := cronLogger{s.log}
	c := cron.New(cron.WithLocation(s.o.Location),
		// Recover innermost: SkipIfStillRunning of v3.0.1 releases its token
		// without defer, so a panic it sees disables the job for good.
		cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)),
		cron.WithLogger(cl))
	for _, j := range s.jobs {
		if !j.Enabled {
			continue
		}
		c.Schedule(j.sched, cron.FuncJob(func() {
			// A timer fires at the slot; the clock may read a hair earlier.
			s.runDue(ctx, j, s.o.Clock.Now().Add(fireGrace))
		}))
	}
	c.Start()
	s.log.Info("scheduler started", "jobs", len(c.Entries()))
	<-ctx.Done()
	<-c.Stop().Done()
	s.log.Info("scheduler stopped")
	return nil
}

// fireGrace is how far past the clock a timer-fired run looks for its slot.
const fireGrace = time.Second

// CatchUp runs, for every enabled job, the slot it owes at the clock's
// now (the latest activation after the last slot done), once. A job seen
// for the first time owes nothing before now. Errors of the jobs are
// recorded per job and returned joined.
func (s *Scheduler) CatchUp(ctx context.Context) error {
	now := s.o.Clock.Now()
	var errs []error
	for _, j := range s.jobs {
		if !j.Enabled {
			continue
		}
		if err := s.o.Slots.JobSeen(ctx, j.Name, now); err != nil {
			errs = append(errs, fmt.Errorf("job %s: %w", j.Name, err))
			continue
		}
		if err := s.runDue(ctx, j, now); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// RunNow runs the named job now, enabled or not, for the slot "now"; the
// slot is recorded as done like any other. It returns the job's error,
// ErrJobRunning if it is running, or an error listing the job names.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	i := slices.IndexFunc(s.jobs, func(j *schedJob) bool { return j.Name == name })
	if i < 0 {
		return fmt.Errorf("unknown job %q (jobs: %s)", name, strings.Join(s.Names(), ", "))
	}
	j := s.jobs[i]
	if !j.mu.TryLock() {
		return fmt.Errorf("job %s: %w", name, ErrJobRunning)
	}
	defer j.mu.Unlock()
	return s.runSlot(ctx, j, s.o.Clock.Now())
}

// Names lists the jobs in their configured order.
func (s *Scheduler) Names() []string {
	names := make([]string, len(s.jobs))
	for i, j := range s.jobs {
		names[i] = j.Name
	}
	return names
}
