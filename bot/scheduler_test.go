package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/rockerstop/refundbot/conversations"
)

// memSlots is a hand-written SlotStore following the contract: the slot
// only moves forward, a success clears the failure.
type memSlots struct {
	mu    sync.Mutex
	marks map[string]conversations.JobMark
}

func newMemSlots() *memSlots { return &memSlots{marks: map[string]conversations.JobMark{}} }

func (m *memSlots) JobMark(_ context.Context, job string) (conversations.JobMark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mk := m.marks[job]
	mk.Job = job
	return mk, nil
}

func (m *memSlots) JobSeen(_ context.Context, job string, at time.Time) error {
	return m.edit(job, func(mk *conversations.JobMark) {
		if mk.Since.IsZero() {
			mk.Since = at
		}
	})
}

func (m *memSlots) SlotDone(_ context.Context, job string, slot, at time.Time) error {
	return m.edit(job, func(mk *conversations.JobMark) {
		if slot.After(mk.Slot) {
			mk.Slot, mk.At = slot, at
		}
		mk.FailedSlot, mk.FailedAt, mk.Err = time.Time{}, time.Time{}, ""
	})
}

func (m *memSlots) SlotFailed(_ context.Context, job string, slot, at time.Time, errText string) error {
	return m.edit(job, func(mk *conversations.JobMark) { mk.FailedSlot, mk.FailedAt, mk.Err = slot, at, errText })
}

func (m *memSlots) edit(job string, fn func(*conversations.JobMark)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	mk := m.marks[job]
	fn(&mk)
	m.marks[job] = mk
	return nil
}

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// jobRuns reads the job runs counter of job and result.
func jobRuns(t *testing.T, m *Metrics, job, result string) float64 {
	t.Helper()
	var d dto.Metric
	if err := m.JobRuns.WithLabelValues(job, result).Write(&d); err != nil {
		t.Fatal(err)
	}
	return d.GetCounter().GetValue()
}

func kolkata(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDueSlotKolkata(t *testing.T) {
	ist := kolkata(t)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		spec, after, now, want string // want "" = no slot due
	}{
		{"30 2 * * *", "2026-04-10 02:30", "2026-04-12 10:00", "2026-04-12 02:30"}, // two missed: the latest only
		{"30 2 * * *", "2026-04-12 02:30", "2026-04-12 10:00", ""},                 // done already
		{"30 2 * * *", "2026-04-12 02:30", "2026-04-13 02:29", ""},                 // a minute early
		{"30 2 * * *", "2026-04-12 02:30", "2026-04-13 02:30", "2026-04-13 02:30"}, // the slot itself
		{"*/15 * * * *", "2026-04-12 09:00", "2026-04-12 09:44", "2026-04-12 09:30"},
		{"0 9 * * 1-5", "2026-04-10 09:00", "2026-04-12 23:00", ""},                 // Fri done, weekend
		{"0 9 * * 1-5", "2026-04-10 09:00", "2026-04-13 09:00", "2026-04-13 09:00"}, // Monday
		// CRON_TZ overrides the scheduler's zone: 09:00 UTC is 14:30 IST.
		{"CRON_TZ=UTC 0 9 * * *", "2026-04-11 14:30", "2026-04-12 14:29", ""},
		{"CRON_TZ=UTC 0 9 * * *", "2026-04-11 14:30", "2026-04-12 14:30", "2026-04-12 14:30"},
	} {
		sched, err := ParseSpec(tc.spec)
		if err != nil {
			t.Fatal(err)
		}
		got := DueSlot(sched, ist, at(tc.after), at(tc.now))
		var want time.Time
		if tc.want != "" {
			want = at(tc.want)
		}
		if !got.Equal(want) {
			t.Errorf("%q after %s at %s: got %v, want %v", tc.spec, tc.after, tc.now, got, want)
		}
	}
	// In the scheduler's zone, a spec without CRON_TZ is local time:
	// 02:30 IST is 21:00 UTC the day before.
	sched, _ := ParseSpec("30 2 * * *")
	if got := sched.Next(time.Date(2026, 4, 12, 12, 0, 0, 0, time.UTC).In(ist)); !got.Equal(time.Date(2026, 4, 12, 21, 0, 0, 0, time.UTC)) {
		t.Errorf("next 02:30 IST after 12:00 UTC: got %v", got.UTC())
	}
	for _, bad := range []string{"", "CRON_TZ=UTC", "61 * * * *", "* * * *"} {
		if _, err := ParseSpec(bad); err == nil {
			t.Errorf("ParseSpec(%q): no error", bad)
		}
	}
}

// TestPanicRecoveredAndRunsNextSlot: a panic is a recorded failure (the
// slot stays owed, the metrics count it) and the next slot runs.
func TestPanicRecoveredAndRunsNextSlot(t *testing.T) {
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 4, 12, 8, 0, 0, 0, time.UTC)}
	slots, m := newMemSlots(), NewMetrics()
	var ran []time.Time
	s, err := NewScheduler(SchedulerOptions{Clock: clock, Slots: slots, Metrics: m, Jobs: []Job{{
		Name: "p", Spec: "0 * * * *", Enabled: true,
		Run: func(_ context.Context, slot time.Time) error {
			ran = append(ran, slot)
			if len(ran) == 1 {
				panic("boom")
			}
			return nil
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CatchUp(ctx); err != nil || len(ran) != 0 {
		t.Fatalf("first start: err %v, ran %v: nothing is owed before the first start", err, ran)
	}
	clock.Set(time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC))
	if err := s.CatchUp(ctx); err == nil || !strings.Contains(err.Error(), "panicked: boom") {
		t.Fatalf("panicking run: got %v", err)
	}
	mk, _ := slots.JobMark(ctx, "p")
	if !mk.Slot.IsZero() || !mk.FailedSlot.Equal(clock.Now()) || !strings.Contains(mk.Err, "boom") {
		t.Fatalf("after the panic the mark is %+v, want the failure recorded and no slot done", mk)
	}
	if got := jobRuns(t, m, "p", "failure"); got != 1 {
		t.Errorf("failure metric %v, want 1", got)
	}
	clock.Set(time.Date(2026, 4, 12, 10, 0, 0, 0, time.UTC))
	if err := s.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	mk, _ = slots.JobMark(ctx, "p")
	if len(ran) != 2 || !ran[1].Equal(clock.Now()) || !mk.Slot.Equal(clock.Now()) || mk.Err != "" {
		t.Fatalf("next slot: ran %v, mark %+v", ran, mk)
	}
	st, err := s.Status(ctx)
	if err != nil || len(st) != 1 || !st[0].Next.Equal(time.Date(2026, 4, 12, 11, 0, 0, 0, time.UTC)) || st[0].LastErr != "" {
		t.Errorf("status %+v %v", st, err)
	}
}

// TestOverlappingRunSkipped: while a run is in progress, another run of
// the same job (scheduled or by hand) is skipped, and counted.
func TestOverlappingRunSkipped(t *testing.T) {
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 4, 12, 8, 0, 0, 0, time.UTC)}
	started, release := make(chan struct{}), make(chan struct{})
	m := NewMetrics()
	s, err := NewScheduler(SchedulerOptions{Clock: clock, Slots: newMemSlots(), Metrics: m, Jobs: []Job{{
		Name: "slow", Spec: "@hourly", Enabled: true,
		Run: func(context.Context, time.Time) error { close(started); <-release; return nil }}}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- s.RunNow(ctx, "slow") }()
	<-started
	if err := s.RunNow(ctx, "slow"); !errors.Is(err, ErrJobRunning) {
		t.Errorf("second RunNow: got %v, want ErrJobRunning", err)
	}
	clock.Set(clock.Now().Add(3 * time.Hour))
	if err := s.runDue(ctx, s.jobs[0], clock.Now()); err != nil {
		t.Errorf("scheduled run while running: %v", err)
	}
	if got := jobRuns(t, m, "slow", "skipped"); got != 1 {
		t.Errorf("skipped metric %v, want 1", got)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := s.RunNow(ctx, "nope"); err == nil || !strings.Contains(err.Error(), "jobs: slow") {
		t.Errorf("unknown job: got %v, want the names listed", err)
	}
}
