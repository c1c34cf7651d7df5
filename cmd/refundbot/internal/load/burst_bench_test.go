package load

import (
	"os"
	"sync"
	"testing"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// BenchmarkApproveBurst approves b.N filed cases in bursts of 180
// concurrent clicks, as `refundbot load` does once: signed clicks on the
// cards the fake Slack holds, over HTTP on loopback, into the real desk on
// a bbolt file, with the outbox delivering the card updates and notices.
// Filing the cases and building the clicks is outside the timer, so a CPU
// profile (-cpuprofile) of a few thousand clicks shows where a click's
// CPU goes: REFUNDBOT_BURST_PROFILE=DIR go test ./cmd/refundbot/internal/load
// -run X -bench ApproveBurst -benchtime 2000x writes DIR/burst-cpu.pprof (and
// its block and mutex profiles) of the clicks alone.
func BenchmarkApproveBurst(b *testing.B) {
	const burst = 180
	ctx := b.Context()
	w, watch, err := startWatchedWorld(ctx, world.Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	n := b.N
	if err := seedSim(ctx, w, n); err != nil {
		b.Fatal(err)
	}
	s := &sim{w: w, watch: watch}
	ids := make([]string, n)
	for lo := 0; lo < n; lo += 200 {
		if err := s.fileCases(ctx, ids, lo, min(lo+200, n)); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.waitCards(ctx, ids); err != nil {
		b.Fatal(err)
	}
	cards := s.cards()
	clicks := make([]*slackfake.Click, n)
	for i, id := range ids {
		c, err := w.Slack.PrepareClick(w.URL, world.FakeAgents()[0].ID, world.FakeChannel, cards[id][0], "approve_all")
		if err != nil {
			b.Fatal(err)
		}
		clicks[i] = c
	}
	stop, err := phaseProfile(os.Getenv("REFUNDBOT_BURST_PROFILE"), "burst")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for lo := 0; lo < n; lo += burst {
		var wg sync.WaitGroup
		errs := make(chan error, burst)
		for i := lo; i < min(lo+burst, n); i++ {
			wg.Go(func() {
				if err := s.send(ctx, ids[i], clicks[i]); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		if len(errs) > 0 {
			b.Fatal(<-errs)
		}
	}
	b.StopTimer()
	if err := stop(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(quantile(s.approvals, 0.99).Microseconds()), "p99-µs")
	credited, err := creditedOnce(ctx, w, n)
	if err != nil || credited != n {
		b.Fatalf("%d of %d credited once: %v", credited, n, err)
	}
}
