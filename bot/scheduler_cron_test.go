package bot

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestSchedulerCronWiring is the one test on real cron timers: a job on
// "@every 1s" that panics on its first run still runs again (Recover sits
// inside SkipIfStillRunning, whose v3.0.1 token would otherwise leak), and
// Run returns once ctx ends. It takes about two seconds.
func TestSchedulerCronWiring(t *testing.T) {
	var runs atomic.Int32
	again := make(chan struct{}, 1)
	s, err := NewScheduler(SchedulerOptions{Clock: conversations.SystemClock{}, Slots: newMemSlots(), Jobs: []Job{{
		Name: "tick", Spec: "@every 1s", Enabled: true,
		Run: func(context.Context, time.Time) error {
			if runs.Add(1) == 1 {
				panic("first run panics")
			}
			select {
			case again <- struct{}{}:
			default:
			}
			return nil
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-again:
	case <-time.After(10 * time.Second):
		t.Fatalf("no run after the panic within 10s (runs: %d)", runs.Load())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}
