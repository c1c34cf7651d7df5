package load

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
	"github.com/rockerstop/refundbot/storage/etcdstore"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// The etcd backend beside bbolt, in the same run (--etcd): the same flow
// on etcd, a bare etcd write loop, and the failover time of two replicas.

// etcdMembers is the size of the local cluster --etcd starts.
const etcdMembers = 3

// checkEtcd fails at once, naming the flag, when the etcd part cannot run:
// no etcd binary to start a local cluster and no --etcd-endpoints.
func checkEtcd(o Options) error {
	if !o.Etcd || len(o.EtcdEndpoints) > 0 {
		return nil
	}
	if _, err := etcdtest.Binary(); err != nil {
		return fmt.Errorf("--etcd starts a local cluster of %d members from the etcd binary, and there is none on PATH (apt-get install etcd-server, or REFUNDBOT_ETCD=/path/to/etcd); or give a running cluster's --etcd-endpoints URL,...: %w", etcdMembers, err)
	}
	return nil
}

// etcdCluster is the cluster of the etcd part: the endpoints given, or a
// local cluster in dir (stop kills its members).
func etcdCluster(dir string, endpoints []string) (eps []string, where string, stop func(), err error) {
	if len(endpoints) > 0 {
		return endpoints, fmt.Sprintf("%d endpoints given", len(endpoints)), func() {}, nil
	}
	cl, err := etcdtest.Start(dir, etcdMembers)
	if err != nil {
		return nil, "", nil, fmt.Errorf("--etcd: %w", err)
	}
	return cl.Endpoints(), fmt.Sprintf("%d members on loopback", etcdMembers), cl.Stop, nil
}

// loadEtcd measures the etcd backend and prints it beside bbolt's figures
// of the same run (nil when the flow did not run): the flow of loadFlow
// with the same providers, a bare etcd write loop with as many writers and
// writes, and failover. Everything it writes is under a prefix of its own,
// deleted at the end (on a cluster given by endpoints, too).
func loadEtcd(ctx context.Context, out io.Writer, dir string, o Options, bbolt *flowResult) error {
	eps, where, stop, err := etcdCluster(filepath.Join(dir, "members"), o.EtcdEndpoints)
	if err != nil {
		return err
	}
	defer stop()
	cli, err := etcdtest.Client(eps...)
	if err != nil {
		return fmt.Errorf("--etcd: %w", err)
	}
	defer cli.Close()
	prefix := fmt.Sprintf("refundbot-load-%d/", time.Now().UnixNano())
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_, _ = cli.Delete(dctx, prefix, clientv3.WithPrefix())
	}()
	on := func(part string, lease int) *app.EtcdConfig {
		return &app.EtcdConfig{Endpoints: eps, Prefix: prefix + part + "/", LeaseSeconds: lease, DialTimeout: "5s"}
	}
	var etcd *flowResult
	if n := o.Providers; n > 0 {
		profile := o.Profile
		if profile != "" {
			profile = filepath.Join(profile, "etcd")
		}
		if etcd, err = runFlow(ctx, n, profile, world.Options{Dir: filepath.Join(dir, "flow"), Etcd: on("flow", 0)}); err != nil {
			return fmt.Errorf("the flow on etcd: %w", err)
		}
		if etcd.raw, err = rawEtcdRate(ctx, cli, prefix+"raw/", n, len(etcd.steps), 1024); err != nil {
			return fmt.Errorf("bare etcd writes: %w", err)
		}
	}
	leases, trials := o.FailoverLeases, o.FailoverTrials
	if leases == nil {
		leases = []int{1, 5}
	}
	if trials <= 0 {
		trials = 3
	}
	failovers, moved := make([][]time.Duration, len(leases)), make([][]int, len(leases))
	for i, lease := range leases {
		part := fmt.Sprintf("failover-%ds", lease)
		if failovers[i], moved[i], err = failover(ctx, filepath.Join(dir, part), on(part, lease), trials); err != nil {
			return fmt.Errorf("failover with a lease of %d s: %w", lease, err)
		}
	}
	printEtcd(out, where, bbolt, etcd, leases, failovers, moved)
	return nil
}

// printEtcd prints the second table: etcd beside bbolt.
func printEtcd(out io.Writer, where string, bbolt, etcd *flowResult, leases []int, failovers [][]time.Duration, moved [][]int) {
	fmt.Fprintf(out, "\n| measure, same run | bbolt | etcd (%s) |\n|---|---|---|\n", where)
	row := func(measure string, f func(r *flowResult) string) {
		b, e := "not run", "not run"
		if bbolt != nil {
			b = f(bbolt)
		}
		if etcd != nil {
			e = f(etcd)
		}
		fmt.Fprintf(out, "| %s | %s | %s |\n", measure, b, e)
	}
	pq := func(ds []time.Duration) string { return fmt.Sprintf("%s / %s", quantile(ds, 0.5), quantile(ds, 0.99)) }
	if etcd != nil {
		n := etcd.n
		row("providers through the whole flow, each credited once (wallets checked)", func(r *flowResult) string { return fmt.Sprintf("%d of %d", r.credited, r.n) })
		row(fmt.Sprintf("durable conversation steps a second, %d providers at once", n-1), func(r *flowResult) string { return fmt.Sprintf("%.0f", r.stepRate()) })
		row(fmt.Sprintf("bare store writes a second (%d writers, 1 KiB each: a bbolt Update with fsync; an etcd Put)", n), func(r *flowResult) string { return fmt.Sprintf("%.0f", r.raw) })
		row("ratio steps / bare writes", func(r *flowResult) string { return fmt.Sprintf("%.2f", r.stepRate()/r.raw) })
		row("CPU of this process a step at once / a click of the burst (the etcd members' own not counted)", func(r *flowResult) string {
			return fmt.Sprintf("%s / %s", r.cpuPerStep(), r.cpuPerClick())
		})
		row("step p50 / p99, one provider alone (update taken → dialogue committed)", func(r *flowResult) string { return pq(r.aloneTaken) })
		row(fmt.Sprintf("step p50 / p99, %d providers at once (update taken → dialogue committed)", n-1), func(r *flowResult) string { return pq(r.taken) })
		row("step latency p50 / p99 end to end, one provider alone (update injected → reply taken by the fake API)", func(r *flowResult) string { return pq(r.alone) })
		row(fmt.Sprintf("step latency p50 / p99 end to end, %d providers at once", n-1), func(r *flowResult) string { return pq(r.steps) })
		row("approval latency p50 / p99, one click at a time (click → credit committed → ack)", func(r *flowResult) string { return pq(r.single) })
		if len(etcd.burst) > 0 {
			row(fmt.Sprintf("approval latency p50 / p99, %d concurrent clicks", len(etcd.burst)), func(r *flowResult) string { return pq(r.burst) })
		}
		if etcd.stepReqs != nil {
			fmt.Fprintf(out, "| etcd requests a step, %d providers at once (Txns that wrote, read-only Txns, single Gets; changes a commit; conflicts) | — | %s |\n",
				n-1, perUnit(*etcd.stepReqs, len(etcd.steps)))
		}
		if etcd.burstReqs != nil && len(etcd.burst) > 0 {
			fmt.Fprintf(out, "| etcd requests a click, %d concurrent clicks (the same, the delivery of the replies included) | — | %s |\n",
				len(etcd.burst), perUnit(*etcd.burstReqs, len(etcd.burst)))
		}
	}
	for i, lease := range leases {
		// A lease ends a lease after its last renewal, and a replica renews
		// every third of it: a failover under two thirds of the lease, or
		// one whose follower led right at the kill, means the lead had moved
		// before the kill (late renewals on a busy machine); it is shown,
		// starred.
		early := time.Duration(lease) * time.Second * 2 / 3
		ds := failovers[i]
		each := make([]string, len(ds))
		note := ""
		for j, d := range ds {
			each[j] = d.Round(10 * time.Millisecond).String()
			if d < early || slices.Contains(moved[i], j) {
				each[j] += "*"
				note = "; *the lead had moved before the kill: the other replica led at once, or under ⅔ of the lease"
			}
		}
		fmt.Fprintf(out, "| failover, lease %d s: leader killed → the next update answered by the new leader (%d kills) | one process: none | %s (max %s%s) |\n",
			lease, len(ds), strings.Join(each, ", "), slices.Max(ds).Round(10*time.Millisecond), note)
	}
}

// perUnit shows the requests c made for n steps or clicks (all the
// store's requests in the phase: the delivery of the replies too).
func perUnit(c etcdstore.Counts, n int) string {
	per := func(v int64) string { return fmt.Sprintf("%.2f", float64(v)/float64(max(n, 1))) }
	txns := max(c.Txns, 1)
	return fmt.Sprintf("%s / %s / %s; %.1f; %d", per(c.Txns), per(c.Checks), per(c.Gets), float64(c.Calls)/float64(txns), c.Conflicts)
}

// rawEtcdRate puts total size-byte values under prefix from writers
// goroutines, one Put each (one Raft entry, fsynced by a quorum), and
// returns writes a second: the bare etcd ceiling beside the bare bbolt one.
func rawEtcdRate(ctx context.Context, cli *clientv3.Client, prefix string, writers, total, size int) (float64, error) {
	value := string(make([]byte, size))
	var left atomic.Int64
	left.Store(int64(total))
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	start := time.Now()
	for w := range writers {
		wg.Go(func() {
			for i := 0; left.Add(-1) >= 0; i++ {
				if _, err := cli.Put(ctx, fmt.Sprintf("%s%d/%d", prefix, w, i), value); err != nil {
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

// failover runs two replicas on etcd with the given lease and kills the
// leader trials times; it returns, for each kill, the time from the kill
// to the first Telegram update after it answered by the other replica.
// Provider i starts on the leader (/start answered); the leader is killed
// as kill -9 would leave it (its store closed without resigning, its
// loops stopped: the lease must expire); at once the provider shares the
// phone number, and the time runs until the fake Telegram holds the reply
// "now linked", which only the new leader can send. The killed replica
// then rejoins as a follower. moved lists the kills (from 0) after which
// the other replica led at once: the lead had moved before the kill.
func failover(ctx context.Context, dir string, etcd *app.EtcdConfig, trials int) (took []time.Duration, moved []int, err error) {
	a, b, err := world.StartReplicas(ctx, world.Options{Dir: filepath.Join(dir, "a"), Etcd: etcd},
		world.Options{Dir: filepath.Join(dir, "b"), Etcd: etcd})
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		b.Close()
		a.Close() // the fakes too
	}()
	if err := seedSim(ctx, a, trials); err != nil {
		return nil, nil, err
	}
	s := &sim{w: a}
	took = make([]time.Duration, 0, trials)
	for i := 1; i <= trials; i++ {
		p := s.provider(i)
		a.TG.UserSends(p.user, "/start")
		if err := p.await(ctx, "share the phone number"); err != nil {
			return nil, nil, err
		}
		// Kill the replica that leads now: on a busy machine a short lease
		// may have lapsed since the last kill and moved the lead.
		leader, follower, err := roles(ctx, a, b)
		if err != nil {
			return nil, nil, err
		}
		leader.Kill()
		killed := time.Now()
		// No lease ends within a millisecond of the kill: a follower that
		// leads already took over before it.
		before := false
		if r, err := follower.Readyz(ctx); err == nil && r.Role == "leader" {
			before = true
		}
		a.TG.UserSharesContact(p.user, fmt.Sprintf("9198%08d", p.i), p.user, false)
		if err := p.await(ctx, "now linked"); err != nil {
			return nil, nil, err
		}
		took = append(took, time.Since(killed))
		if before {
			moved = append(moved, i-1)
		}
		if r, err := follower.Readyz(ctx); err != nil || r.Role != "leader" {
			return nil, nil, fmt.Errorf("after the kill the other replica's /readyz says %+v (%v), want the leader", r, err)
		}
		if err := leader.Rejoin(ctx); err != nil {
			return nil, nil, fmt.Errorf("the killed replica rejoins: %w", err)
		}
		if err := leader.WaitRole(ctx, "follower"); err != nil {
			return nil, nil, err
		}
	}
	return took, moved, nil
}

// roles waits until one of a and b leads and the other follows (by their
// /readyz) and returns them in that order.
func roles(ctx context.Context, a, b *world.World) (leader, follower *world.World, err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		ra, erra := a.Readyz(ctx)
		rb, errb := b.Readyz(ctx)
		switch {
		case erra == nil && errb == nil && ra.Role == "leader" && rb.Role == "follower":
			return a, b, nil
		case erra == nil && errb == nil && rb.Role == "leader" && ra.Role == "follower":
			return b, a, nil
		}
		select {
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("no one leader of two replicas (/readyz: %q %v, %q %v): %w", ra.Role, erra, rb.Role, errb, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// await waits until the bot's latest message to the provider contains
// want, looking every 2 ms (a failover's time is a second or more).
func (p *simProvider) await(ctx context.Context, want string) error {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	for {
		if text, _ := p.latest(); strings.Contains(text, want) {
			return nil
		}
		select {
		case <-ctx.Done():
			text, _ := p.latest()
			return fmt.Errorf("provider %d waiting for %q, bot said %q: %w", p.i, want, text, ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
}
