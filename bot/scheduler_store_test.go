package bot_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/storage"
)

// weekClock is a clock the test moves.
type weekClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *weekClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *weekClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// weekSpecs are the default specs of the six jobs.
var weekSpecs = map[string]string{
	"sla-reminder": "*/15 * * * *", "draft-expiry": "*/10 * * * *", "info-expiry": "5 * * * *",
	"daily-digest": "0 9 * * *", "backup": "30 2 * * *", "evidence-retention": "0 3 * * *",
}

// weekRig is a scheduler over a real bbolt store whose job bodies record
// the slots they ran for.
type weekRig struct {
	t     *testing.T
	path  string
	db    *storage.DB
	s     *bot.Scheduler
	clock *weekClock
	loc   *time.Location
	ran   map[string]map[time.Time]int // job → slot (UTC) → runs
}

func newWeekRig(t *testing.T, start time.Time) *weekRig {
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	r := &weekRig{t: t, path: filepath.Join(t.TempDir(), "r.db"), clock: &weekClock{t: start.In(loc)}, loc: loc,
		ran: map[string]map[time.Time]int{}}
	r.start()
	t.Cleanup(func() { r.db.Close() })
	return r
}

// start opens the store and builds a new scheduler on it: a process start.
func (r *weekRig) start() {
	r.t.Helper()
	db, err := storage.Open(r.path, storage.Options{NoSync: true})
	if err != nil {
		r.t.Fatal(err)
	}
	var jobs []bot.Job
	for name, spec := range weekSpecs {
		if r.ran[name] == nil {
			r.ran[name] = map[time.Time]int{}
		}
		jobs = append(jobs, bot.Job{Name: name, Spec: spec, Enabled: true,
			Run: func(_ context.Context, slot time.Time) error { r.ran[name][slot.UTC()]++; return nil }})
	}
	s, err := bot.NewScheduler(bot.SchedulerOptions{Jobs: jobs, Location: r.loc, Clock: r.clock, Slots: db})
	if err != nil {
		r.t.Fatal(err)
	}
	r.db, r.s = db, s
	r.catchUp()
}

// restart closes the store and starts again on the same file.
func (r *weekRig) restart() {
	r.t.Helper()
	if err := r.db.Close(); err != nil {
		r.t.Fatal(err)
	}
	r.start()
}

func (r *weekRig) catchUp() {
	r.t.Helper()
	if err := r.s.CatchUp(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// advance moves the clock in steps of five minutes (every spec of the
// week fires on such a boundary) to until, catching up at each.
func (r *weekRig) advance(until time.Time) {
	for now := r.clock.Now(); now.Before(until); {
		now = now.Add(5 * time.Minute)
		r.clock.Set(now)
		r.catchUp()
	}
}

// slots lists the activations of spec in (from, to].
func (r *weekRig) slots(spec string, from, to time.Time) []time.Time {
	sched, err := bot.ParseSpec(spec)
	if err != nil {
		r.t.Fatal(err)
	}
	var out []time.Time
	for t := sched.Next(from.In(r.loc)); !t.After(to); t = sched.Next(t) {
		out = append(out, t.UTC())
	}
	return out
}

// TestWeekOfSlotsAcrossRestart advances a fake clock a week with a restart (a new scheduler on the reopened store) in the
// middle: every job ran exactly once for every slot of its schedule.
func TestWeekOfSlotsAcrossRestart(t *testing.T) {
	start := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	r := newWeekRig(t, start)
	mid := start.Add(3*24*time.Hour + 7*time.Hour + 35*time.Minute)
	r.advance(mid)
	r.restart()
	end := start.Add(7 * 24 * time.Hour)
	r.advance(end)
	for name, spec := range weekSpecs {
		want := r.slots(spec, start, end)
		if len(r.ran[name]) != len(want) {
			t.Errorf("%s ran %d distinct slots, want %d", name, len(r.ran[name]), len(want))
		}
		for _, s := range want {
			if n := r.ran[name][s]; n != 1 {
				t.Errorf("%s slot %s ran %d times, want once", name, s, n)
			}
		}
	}
	if got := len(r.ran["daily-digest"]); got != 7 {
		t.Errorf("daily digest ran %d times in a week, want 7", got)
	}
}

// TestMissedSlotsRunOnceAtStart: stopped for five hours, the scheduler
// runs each job's latest missed slot once at start, not every one.
func TestMissedSlotsRunOnceAtStart(t *testing.T) {
	ist, _ := time.LoadLocation("Asia/Kolkata")
	start := time.Date(2026, 4, 6, 0, 0, 0, 0, ist)
	r := newWeekRig(t, start)
	stop := start.Add(26 * time.Hour) // Tue 02:00 IST
	r.advance(stop)
	back := stop.Add(5*time.Hour + 3*time.Minute) // Tue 07:03 IST
	r.clock.Set(back)
	r.restart()
	for _, tc := range []struct {
		job  string
		want time.Time // the one slot of the gap that ran
	}{
		{"sla-reminder", time.Date(2026, 4, 7, 7, 0, 0, 0, ist)},
		{"draft-expiry", time.Date(2026, 4, 7, 7, 0, 0, 0, ist)},
		{"info-expiry", time.Date(2026, 4, 7, 6, 5, 0, 0, ist)},
		{"backup", time.Date(2026, 4, 7, 2, 30, 0, 0, ist)},
		{"evidence-retention", time.Date(2026, 4, 7, 3, 0, 0, 0, ist)},
	} {
		var inGap []time.Time
		for s := range r.ran[tc.job] {
			if s.After(stop) {
				inGap = append(inGap, s)
			}
		}
		if len(inGap) != 1 || !inGap[0].Equal(tc.want) || r.ran[tc.job][tc.want.UTC()] != 1 {
			t.Errorf("%s ran %v for the gap, want only %s once", tc.job, inGap, tc.want)
		}
	}
	if n := len(r.ran["daily-digest"]); n != 1 { // Mon 09:00 only; Tue 09:00 is still ahead
		t.Errorf("daily digest ran %d times, want 1", n)
	}
	// And the schedule goes on from there, once per slot.
	r.advance(back.Add(2 * time.Hour))
	if got := r.ran["sla-reminder"][time.Date(2026, 4, 7, 9, 0, 0, 0, ist).UTC()]; got != 1 {
		t.Errorf("sla-reminder 09:00 after the restart ran %d times, want 1", got)
	}
}
