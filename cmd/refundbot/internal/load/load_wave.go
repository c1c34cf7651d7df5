package load

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	slackad "github.com/rockerstop/refundbot/bot/slack"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// MaxWave bounds `refundbot load --wave N`.
const MaxWave = 500

// waveTimes is what the wave's watcher saw, per case and per provider.
type waveTimes struct {
	mu       sync.Mutex
	card     map[string]time.Time // case → its card first seen in the channel
	approved map[string]time.Time // case → approve click sent
	updated  map[string]time.Time // case → its card first seen updated after the click
	told     map[int]time.Time    // provider → the refund notice first seen in Telegram
}

// loadWave: n providers file a case each at once, at Slack's and
// Telegram's real limits (the fakes enforce them), while an agent approves
// every card as soon as it appears. It reports how long the last card took
// to reach Slack after the last submit, approve → card updated and
// approve → provider told, the channel messages and Web API calls per
// case, and the calls the fake Slack refused.
func loadWave(ctx context.Context, out io.Writer, dir string, n int) error {
	w, watch, err := startWatchedWorld(ctx, world.Options{Dir: dir, RealPace: true})
	if err != nil {
		return err
	}
	defer w.Close()
	if err := seedSim(ctx, w, n); err != nil {
		return err
	}
	s := &sim{w: w, watch: watch}
	wt := &waveTimes{card: map[string]time.Time{}, approved: map[string]time.Time{},
		updated: map[string]time.Time{}, told: map[int]time.Time{}}
	caseOf := make([]string, n+1) // provider → case
	var (
		mu         sync.Mutex
		lastSubmit time.Time
		wg         sync.WaitGroup
		errs       = make(chan error, 2*n)
	)
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		waveWatch(watchCtx, s, wt, n, &wg, errs)
	}()
	start := time.Now()
	for i := 1; i <= n; i++ {
		wg.Go(func() {
			id, err := s.provider(i).fileCase(ctx)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			caseOf[i] = id
			if now := time.Now(); now.After(lastSubmit) {
				lastSubmit = now
			}
			mu.Unlock()
		})
	}
	// Wait until every provider filed and heard the refund and every card
	// shows its decision, or a step failed, or the run's time is up.
	deadline := time.NewTicker(50 * time.Millisecond)
	defer deadline.Stop()
	for {
		wt.mu.Lock()
		done := len(wt.told) == n && len(wt.updated) == n
		wt.mu.Unlock()
		if done {
			break
		}
		select {
		case err := <-errs:
			return err
		case <-ctx.Done():
			return fmt.Errorf("wave of %d: %d cards, %d updated, %d providers told: %w", n, len(wt.card), len(wt.updated), len(wt.told), ctx.Err())
		case <-deadline.C:
		}
	}
	stopWatch()
	<-watched
	wg.Wait()
	// What a case costs the channel is counted once the outbox is empty
	// (the decisions' thread lines go last, at the channel's pace).
	drained := time.Now()
	for {
		depth, _, err := w.App.Store.OutboxStats(ctx, time.Now())
		if err != nil {
			return err
		}
		if depth == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wave of %d: %d outbox messages left: %w", n, depth, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	drainedIn := time.Since(drained)

	var lastCard time.Time
	var toUpdate, toTell []time.Duration
	for i := 1; i <= n; i++ {
		id := caseOf[i]
		if wt.card[id].After(lastCard) {
			lastCard = wt.card[id]
		}
		toUpdate = append(toUpdate, wt.updated[id].Sub(wt.approved[id]))
		toTell = append(toTell, wt.told[i].Sub(wt.approved[id]))
	}
	msgs := w.Slack.Messages(world.FakeChannel)
	calls, refused := 0, 0
	for m := range slackad.SlackLimits {
		calls += w.Slack.Calls(m)
		refused += w.Slack.Throttled(m)
	}
	fmt.Fprintf(out, "| wave: providers filing at once, an agent approving each card as it appears (real pacing, limits enforced by the fakes) | %d, last submit %s after the first step |\n",
		n, lastSubmit.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(out, "| wave: last card in Slack after the last submit (target ≤ 60 s) | %s |\n", lastCard.Sub(lastSubmit).Round(time.Millisecond))
	fmt.Fprintf(out, "| wave: approve → card updated p50 / p99 (target p99 < 3 s) | %s / %s |\n", quantile(toUpdate, 0.5), quantile(toUpdate, 0.99))
	fmt.Fprintf(out, "| wave: approve → provider told p50 / p99 (target p99 < 2 s) | %s / %s |\n", quantile(toTell, 0.5), quantile(toTell, 0.99))
	decisions := 0
	for _, m := range msgs {
		if m.ThreadTS != "" && strings.Contains(m.Text, "Approved by") {
			decisions++
		}
	}
	fmt.Fprintf(out, "| wave: Slack channel messages per case, for the submission (card and thread) + for the decision (its thread line); counted once the outbox drained, %s later | %.2f + %.2f |\n",
		drainedIn.Round(100*time.Millisecond), float64(len(msgs)-decisions)/float64(n), float64(decisions)/float64(n))
	fmt.Fprintf(out, "| wave: Slack Web API calls per case; calls the fake refused over Slack's limits | %.2f; %d |\n", float64(calls)/float64(n), refused)
	return nil
}

// waveWatch is the agent and the stopwatch of a wave: it polls the fake
// Slack channel and the providers' Telegram chats, approves each new card
// at once, and notes when each card appeared and changed and when each
// provider heard the refund.
func waveWatch(ctx context.Context, s *sim, wt *waveTimes, n int, wg *sync.WaitGroup, errs chan<- error) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		now := time.Now()
		for _, m := range s.w.Slack.Messages(world.FakeChannel) {
			if m.ThreadTS != "" {
				continue
			}
			id := caseIDPattern.FindString(m.Text)
			if id == "" {
				continue
			}
			wt.mu.Lock()
			_, seen := wt.card[id]
			if !seen {
				wt.card[id] = now
				wt.approved[id] = time.Now()
				wg.Go(func() {
					if err := s.approve(ctx, id); err != nil && ctx.Err() == nil {
						errs <- err
					}
				})
			}
			if _, ok := wt.updated[id]; !ok && m.Edited > 0 && strings.Contains(m.Text, "Approved") {
				wt.updated[id] = now
			}
			wt.mu.Unlock()
		}
		for i := 1; i <= n; i++ {
			wt.mu.Lock()
			_, told := wt.told[i]
			wt.mu.Unlock()
			if told {
				continue
			}
			if text, _ := s.provider(i).latest(); strings.Contains(text, "coins are back in your wallet") {
				wt.mu.Lock()
				wt.told[i] = now
				wt.mu.Unlock()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
