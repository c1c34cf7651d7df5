package load

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage/etcdstore"
	bolt "go.etcd.io/bbolt"
)

// Bounds of `refundbot load`.
const (
	MaxProviders = 2000
	MaxDuration  = 10 * time.Minute
	MaxSessions  = 20000
	MaxNotices   = 2000
)

// Options are the sizes of one `refundbot load` run.
type Options struct {
	Providers, Sessions, Notices, Wave int
	Duration                           time.Duration
	// Profile, when set, is a directory that receives CPU, block and
	// mutex profiles of the steps at once and of the concurrent clicks.
	Profile string
	// Etcd also measures the etcd backend (load_etcd.go), on a local
	// three-member cluster, or on EtcdEndpoints when given.
	Etcd          bool
	EtcdEndpoints []string
	// FailoverLeases and FailoverTrials shape the etcd failover
	// measurement: leader kills per lease (in seconds); zero values give
	// three kills at a lease of 1 s and three at the default 5 s.
	FailoverLeases []int
	FailoverTrials int
}

// Run drives simulated providers through the whole flow over the fake
// APIs and prints the figures of DESIGN.md's targets. Providers (200)
// providers file a case each and an agent approves it, all within
// Duration (5m); Sessions puts that many providers mid-conversation and
// restarts; Wave files that many cases at once at the real limits while an
// agent approves each card as it appears; Notices paces that many notices
// to 50 chats against the fake's flood control. With Etcd, a second
// table puts the same flow on etcd beside bbolt's, and the failover time
// of two replicas. Everything lives in a temporary directory.
func Run(ctx context.Context, out io.Writer, o Options) error {
	n, sessions, notices, wave, limit := o.Providers, o.Sessions, o.Notices, o.Wave, o.Duration
	if err := checkEtcd(o); err != nil { // before minutes of bbolt work
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	dir, err := os.MkdirTemp("", "refundbot-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Fprintf(out, "| measure | value |\n|---|---|\n")
	var bbolt *flowResult
	if n > 0 {
		if bbolt, err = loadFlow(ctx, out, filepath.Join(dir, "flow"), n, o.Profile); err != nil {
			return err
		}
	}
	if wave > 0 {
		if err := loadWave(ctx, out, filepath.Join(dir, "wave"), wave); err != nil {
			return err
		}
	}
	if notices > 0 {
		if err := loadNotices(ctx, out, filepath.Join(dir, "notices"), notices); err != nil {
			return err
		}
	}
	if sessions > 0 {
		res, err := runSessions(ctx, dir, sessions)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "| providers mid-conversation (engine direct, no Telegram) | %d in %d steps, %.0f steps/s |\n", res.Sessions, res.Steps, float64(res.Steps)/res.Elapsed.Seconds())
		fmt.Fprintf(out, "| resident memory with them, after GC (VmRSS; Go heap in use) | %.1f MB (%.1f MB) |\n", mb(res.RSSBytes), mb(int64(res.HeapBytes)))
		fmt.Fprintf(out, "| resumed at their step after a restart | %d of %d in %s |\n", res.Resumed, res.Sessions, res.ResumeDuration.Round(time.Millisecond))
	}
	fmt.Fprintf(out, "| peak resident memory of the run (VmHWM) | %.1f MB |\n", mb(procStatus("VmHWM")))
	if o.Etcd {
		return loadEtcd(ctx, out, filepath.Join(dir, "etcd"), o, bbolt)
	}
	return nil
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// flowResult is what one run of the flow measured.
type flowResult struct {
	n                 int
	alone, steps      []time.Duration // update injected → reply taken: one provider alone; the rest at once
	aloneTaken, taken []time.Duration // update taken → dialogue committed (the app's step metric)
	single, burst     []time.Duration // approvals: one click at a time; the rest at once
	handled           []time.Duration // the burst's clicks as the app's handler timed them
	filing            time.Duration   // how long the steps at once took
	// The process's CPU time (user + system) over the steps at once and
	// over the burst of clicks: the app, the fakes and the load client,
	// which share the process (an etcd cluster's members are not in it).
	stepCPU, burstCPU time.Duration
	credited          int     // providers whose wallet holds one refund and its coins
	raw               float64 // the bare store's commits a second, same writers and count
	// The etcd requests of the steps at once and of the concurrent clicks
	// (etcd only: the store counts them).
	stepReqs, burstReqs *etcdstore.Counts
}

// counted is a store that counts its etcd requests.
type counted interface{ Counts() etcdstore.Counts }

// requests returns a function giving the store's requests since it was
// called (nil on a store that does not count them).
func requests(st any) func() *etcdstore.Counts {
	c, ok := st.(counted)
	if !ok {
		return func() *etcdstore.Counts { return nil }
	}
	before := c.Counts()
	return func() *etcdstore.Counts {
		now := c.Counts()
		return &etcdstore.Counts{Calls: now.Calls - before.Calls, Batches: now.Batches - before.Batches,
			Txns: now.Txns - before.Txns, Checks: now.Checks - before.Checks, Conflicts: now.Conflicts - before.Conflicts,
			Gets: now.Gets - before.Gets, Cached: now.Cached - before.Cached}
	}
}

func (r *flowResult) stepRate() float64 { return float64(len(r.steps)) / r.filing.Seconds() }

// cpuPerStep and cpuPerClick divide the phases' process CPU by their
// steps and clicks.
func (r *flowResult) cpuPerStep() time.Duration  { return perItem(r.stepCPU, len(r.steps)) }
func (r *flowResult) cpuPerClick() time.Duration { return perItem(r.burstCPU, len(r.burst)) }

func perItem(d time.Duration, n int) time.Duration {
	if n == 0 {
		return 0
	}
	return (d / time.Duration(n)).Round(time.Microsecond)
}

// loadFlow: n providers file a case each (nine steps), an agent approves
// every case, each provider hears the refund; then a bare bbolt loop with
// n writers commits as many times as there were steps.
func loadFlow(ctx context.Context, out io.Writer, dir string, n int, profile string) (*flowResult, error) {
	r, err := runFlow(ctx, n, profile, world.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	if r.raw, err = rawCommitRate(dir, n, len(r.steps), 1024); err != nil {
		return nil, err
	}
	alone, steps, aloneTaken, taken, single := r.alone, r.steps, r.aloneTaken, r.taken, r.single
	stepRate, raw := r.stepRate(), r.raw
	fmt.Fprintf(out, "| providers through the whole flow | %d (%d steps, then %d approvals) |\n", n, len(alone)+len(steps), len(single)+len(r.burst))
	fmt.Fprintf(out, "| durable conversation steps a second | %.0f |\n", stepRate)
	fmt.Fprintf(out, "| step latency p50 / p99, one provider alone (update injected → reply taken by the fake API) | %s / %s |\n", quantile(alone, 0.5), quantile(alone, 0.99))
	fmt.Fprintf(out, "| step latency p50 / p99, %d providers at once | %s / %s |\n", n-1, quantile(steps, 0.5), quantile(steps, 0.99))
	fmt.Fprintf(out, "| step p50 / p99, one provider alone (update taken → dialogue committed; refundbot_step_seconds) | %s / %s (%d of %d within 5 ms) |\n",
		quantile(aloneTaken, 0.5), quantile(aloneTaken, 0.99), within(aloneTaken, 5*time.Millisecond), len(aloneTaken))
	fmt.Fprintf(out, "| step p50 / p99, %d providers at once (update taken → dialogue committed) | %s / %s (%d of %d within 25 ms) |\n",
		n-1, quantile(taken, 0.5), quantile(taken, 0.99), within(taken, 25*time.Millisecond), len(taken))
	fmt.Fprintf(out, "| approval latency p50 / p99, one click at a time (click → credit committed → ack) | %s / %s |\n", quantile(single, 0.5), quantile(single, 0.99))
	fmt.Fprintf(out, "| approval latency p50 / p99, %d concurrent clicks | %s / %s (app's handler alone: %s / %s) |\n",
		len(r.burst), quantile(r.burst, 0.5), quantile(r.burst, 0.99), quantile(r.handled, 0.5), quantile(r.handled, 0.99))
	fmt.Fprintf(out, "| CPU of this process a step at once / a click of the burst (app, fakes and load client; steadier than latency on a shared machine) | %s / %s |\n",
		r.cpuPerStep(), r.cpuPerClick())
	fmt.Fprintf(out, "| bare bbolt commits a second (%d writers, fsync on) | %.0f |\n", n, raw)
	fmt.Fprintf(out, "| ratio steps / bare commits | %.2f |\n", stepRate/raw)
	return r, nil
}

// runFlow runs the flow of loadFlow in a world of o (bbolt in o.Dir, or
// etcd) and returns what it measured. It fails if a step or an approval
// fails, a wallet does not hold its one refund, or verify finds a problem.
func runFlow(ctx context.Context, n int, profile string, o world.Options) (*flowResult, error) {
	w, watch, err := startWatchedWorld(ctx, o)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	if o.Etcd != nil { // a lone replica: it polls Telegram once it leads
		if err := w.WaitRole(ctx, "leader"); err != nil {
			return nil, err
		}
	}
	if err := seedSim(ctx, w, n); err != nil {
		return nil, err
	}
	s := &sim{w: w, watch: watch}
	w.App.Metrics.TraceSteps(s.traceStep)
	defer w.App.Metrics.TraceSteps(nil)
	ids := make([]string, n)
	// Provider 1 files alone first: its steps are the latency of an
	// unloaded bot; the other n-1 then file at once.
	if ids[0], err = s.provider(1).fileCase(ctx); err != nil {
		return nil, err
	}
	alone := s.steps
	s.steps = nil
	aloneTaken := s.takeTraced()
	stop, err := phaseProfile(profile, "steps")
	if err != nil {
		return nil, err
	}
	stepReqs := requests(w.App.Store)
	cpu0 := processCPU()
	start := time.Now()
	fileErr := s.fileCases(ctx, ids, 1, n)
	filing := time.Since(start)
	stepCPU := processCPU() - cpu0
	stepCounts := stepReqs()
	taken := s.takeTraced()
	if err := stop(); err != nil {
		return nil, err
	}
	if fileErr != nil {
		return nil, fileErr
	}
	if err := s.waitCards(ctx, ids); err != nil {
		return nil, err
	}
	// An agent at a time first (a desk at work), then the rest in one
	// burst of concurrent clicks (the worst case: every decision queues for
	// the one writer).
	serial := min(len(ids), 20)
	cards := s.cards()
	for _, id := range ids[:serial] {
		if err := s.approveCard(ctx, id, cards[id]); err != nil {
			return nil, err
		}
	}
	single := s.approvals
	s.approvals = nil
	if stop, err = phaseProfile(profile, "approvals"); err != nil {
		return nil, err
	}
	burstReqs := requests(w.App.Store)
	burstErr := s.approveBurst(ctx, ids[serial:], cards)
	burstCounts := burstReqs()
	if err := stop(); err != nil {
		return nil, err
	}
	if burstErr != nil {
		return nil, burstErr
	}
	for i := range n {
		p := s.provider(i + 1)
		if _, err := p.step(ctx, "coins are back in your wallet", nil); err != nil {
			return nil, err
		}
	}
	if probs, err := w.App.Store.Verify(ctx); err != nil || len(probs) > 0 {
		return nil, fmt.Errorf("verify after the load: %v %v", probs, err)
	}
	credited, err := creditedOnce(ctx, w, n)
	if err != nil {
		return nil, err
	}
	return &flowResult{n: n, alone: alone, steps: slices.Clone(s.steps), aloneTaken: aloneTaken, taken: taken,
		single: single, burst: slices.Clone(s.approvals), handled: slices.Clone(s.handled), filing: filing, credited: credited,
		stepCPU: stepCPU, burstCPU: s.burstCPU,
		stepReqs: stepCounts, burstReqs: burstCounts}, nil
}

// creditedOnce counts the simulated providers whose wallet holds exactly
// one refund, of their lead's 50 coins, and the balance they started with;
// it fails on any other.
func creditedOnce(ctx context.Context, w *world.World, n int) (int, error) {
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("P-L%05d", i)
		wallet, err := w.App.Store.Wallet(ctx, id)
		if err != nil {
			return i - 1, fmt.Errorf("wallet %s: %w", id, err)
		}
		var refunded, refunds int64
		for _, e := range wallet.Entries {
			if e.Kind == conversations.EntryRefund {
				refunds++
				refunded += e.Coins
			}
		}
		if refunds != 1 || refunded != 50 || wallet.Balance != 1000 {
			return i - 1, fmt.Errorf("wallet %s after the load: %d refunds of %d coins, balance %d; want one of 50, balance 1000", id, refunds, refunded, wallet.Balance)
		}
	}
	return n, nil
}

// loadNotices paces total notices to 50 chats at Telegram's real limits
// with the fake enforcing them and five injected 429s.
func loadNotices(ctx context.Context, out io.Writer, dir string, total int) error {
	const chats, injected = 50, 5
	w, watch, err := startWatchedWorld(ctx, world.Options{Dir: dir, RealPace: true})
	if err != nil {
		return err
	}
	defer w.Close()
	s := &sim{w: w, watch: watch}
	for i := 1; i <= chats; i++ { // a chat exists once its user wrote
		w.TG.UserSends(s.provider(i).user, "/start")
	}
	for i := 1; i <= chats; i++ {
		if _, err := s.provider(i).step(ctx, "share the phone number", nil); err != nil {
			return err
		}
	}
	res, err := floodRun(ctx, s, chats, total, injected)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "| notifications to %d chats at Telegram's limits | %d in %s, %d flood 429s (%d injected 429s retried) |\n",
		chats, total, res.elapsed.Round(time.Millisecond), res.calls-total-injected, injected)
	return nil
}

// quantile is the q-quantile of ds (nearest rank), rounded for print.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)-1, int(q*float64(len(s))))
	return s[i].Round(10 * time.Microsecond)
}

// rawCommitRate commits total Puts of size-byte values from writers
// goroutines on a fresh bbolt file with fsync on, one Update each, and
// returns commits a second: the bare ceiling the steps are compared to.
func rawCommitRate(dir string, writers, total, size int) (float64, error) {
	raw, err := bolt.Open(filepath.Join(dir, "raw.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	name := []byte("raw")
	if err := raw.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket(name); return err }); err != nil {
		return 0, err
	}
	value := make([]byte, size)
	var left atomic.Int64
	left.Store(int64(total))
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	start := time.Now()
	for range writers {
		wg.Go(func() {
			for left.Add(-1) >= 0 {
				err := raw.Update(func(tx *bolt.Tx) error {
					b := tx.Bucket(name)
					seq, err := b.NextSequence()
					if err != nil {
						return err
					}
					return b.Put([]byte(strconv.FormatUint(seq, 16)), value)
				})
				if err != nil {
					failed.Store(&err)
					return
				}
			}
		})
	}
	wg.Wait()
	if e := failed.Load(); e != nil {
		return 0, *e
	}
	return float64(total) / time.Since(start).Seconds(), nil
}

// within counts the durations of ds up to bound.
func within(ds []time.Duration, bound time.Duration) int {
	n := 0
	for _, d := range ds {
		if d <= bound {
			n++
		}
	}
	return n
}
