package etcdstore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/bot"
)

// replica is one `serve` replica of the test: its own client, elector and
// a singleton loop run by bot.RunLed that counts how many replicas run it.
type replica struct {
	cli     *clientv3.Client
	el      *Elector
	cancel  context.CancelFunc
	done    sync.WaitGroup
	running atomic.Bool
}

func startReplica(t *testing.T, name, prefix string, ttl int, inLoop *atomic.Int32, maxInLoop *atomic.Int32) *replica {
	t.Helper()
	cli, err := shared.Client()
	must(t, err)
	r := &replica{cli: cli, el: NewElector(cli, prefix, name, ttl, slog.New(slog.DiscardHandler))}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.done.Add(2)
	go func() { defer r.done.Done(); _ = r.el.Run(ctx) }()
	go func() {
		defer r.done.Done()
		bot.RunLed(ctx, r.el, slog.New(slog.DiscardHandler), "singleton", 10*time.Millisecond, func(term context.Context) error {
			r.running.Store(true)
			n := inLoop.Add(1)
			for m := maxInLoop.Load(); n > m && !maxInLoop.CompareAndSwap(m, n); m = maxInLoop.Load() {
			}
			<-term.Done()
			inLoop.Add(-1)
			r.running.Store(false)
			return term.Err()
		})
	}()
	t.Cleanup(func() { r.stop() })
	return r
}

func (r *replica) stop() {
	r.cancel()
	r.done.Wait()
	_ = r.cli.Close()
}

// waitFor polls cond until it holds or d passes, and returns how long it
// took.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > d {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// TestLeaderFailover runs two replicas on the three-member cluster: one
// leads and runs the singleton loop, the other waits. The leader's lease
// is revoked (as when it is cut off from the cluster past its TTL): it
// stops its loop and the other takes over; then the new leader's process
// dies without a word (its client closed, the lease left to expire) and
// the first, campaigning again, takes over after the TTL. The failover
// times are logged; never do two replicas run the loop at once for long.
func TestLeaderFailover(t *testing.T) {
	needCluster(t)
	prefix := fmt.Sprintf("test/%d/", prefixes.Add(1))
	const ttl = 1
	var inLoop, maxInLoop atomic.Int32
	a := startReplica(t, "a", prefix, ttl, &inLoop, &maxInLoop)
	waitFor(t, 5*time.Second, "a leads", a.running.Load)
	b := startReplica(t, "b", prefix, ttl, &inLoop, &maxInLoop)
	time.Sleep(300 * time.Millisecond)
	if b.running.Load() || bot.Role(b.el) != "follower" || bot.Role(a.el) != "leader" {
		t.Fatalf("b runs the loop (%v) or roles a=%s b=%s", b.running.Load(), bot.Role(a.el), bot.Role(b.el))
	}

	// Revoke a's lease: a stops at its next keep-alive, b leads at once.
	a.el.mu.Lock()
	lease := a.el.session.Lease()
	a.el.mu.Unlock()
	revoked := time.Now()
	_, err := sharedCli.Revoke(context.Background(), lease)
	must(t, err)
	took := waitFor(t, 5*time.Second, "b leads after a's lease is revoked", b.running.Load)
	waitFor(t, 5*time.Second, "a stops its loop", func() bool { return !a.running.Load() })
	t.Logf("lease revoked: b leads after %s; a stopped after %s", took.Round(time.Millisecond), time.Since(revoked).Round(time.Millisecond))

	// b dies: its lease expires after the TTL and a, campaigning again, leads.
	_ = b.cli.Close() // no resign, no revoke: as kill -9 would leave it
	b.cancel()
	took = waitFor(t, 10*time.Second, "a leads after b died", a.running.Load)
	t.Logf("leader died: a leads after %s (lease TTL %ds)", took.Round(time.Millisecond), ttl)
	waitFor(t, 5*time.Second, "one loop running", func() bool { return inLoop.Load() == 1 })
	if m := maxInLoop.Load(); m > 2 {
		t.Fatalf("%d replicas ran the loop at once", m)
	}
}
