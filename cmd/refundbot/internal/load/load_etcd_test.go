package load

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// TestLoadEtcd runs the etcd part small on a cluster of its own given as
// endpoints: the run completes (it fails on a lost step, a wallet without
// its one refund or a dirty verify, on either backend), the table has
// every figure for both backends, the flow's writes reached that cluster,
// and nothing of the run is left in it. No figure is judged by its size.
func TestLoadEtcd(t *testing.T) {
	cl, err := etcdtest.Start(t.TempDir(), 3)
	etcdtest.Need(t, err)
	t.Cleanup(cl.Stop)
	cli, err := cl.Client()
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	ctx := t.Context()

	const providers = 25
	var out bytes.Buffer
	err = Run(ctx, &out, Options{Providers: providers, Duration: 3 * time.Minute,
		Etcd: true, EtcdEndpoints: cl.Endpoints(), FailoverLeases: []int{1}, FailoverTrials: 2})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	report := out.String()
	t.Log("\n" + report)

	rows := map[string][]string{} // measure → bbolt, etcd
	for line := range strings.SplitSeq(report, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) == 3 {
			rows[cells[0]] = cells[1:]
		}
	}
	cell := func(prefix string) []string {
		t.Helper()
		for k, v := range rows {
			if strings.HasPrefix(k, prefix) {
				return v
			}
		}
		t.Fatalf("no row %q in\n%s", prefix, report)
		return nil
	}
	if got := cell("providers through the whole flow, each credited once"); got[0] != "25 of 25" || got[1] != "25 of 25" {
		t.Errorf("credited: %q, want 25 of 25 on both", got)
	}
	for _, m := range []string{"durable conversation steps a second", "bare store writes a second", "ratio steps / bare writes"} {
		for i, v := range cell(m) {
			if f, err := strconv.ParseFloat(v, 64); err != nil || f <= 0 {
				t.Errorf("%s, column %d: %q, want a positive number", m, i+1, v)
			}
		}
	}
	for _, m := range []string{"step p50 / p99, one provider alone", "step p50 / p99, 24 providers at once",
		"approval latency p50 / p99, one click at a time", "approval latency p50 / p99, 5 concurrent clicks"} {
		for i, v := range cell(m) {
			for _, d := range strings.Split(v, " / ") {
				if positive(d) != nil {
					t.Errorf("%s, column %d: %q, want two positive durations", m, i+1, v)
				}
			}
		}
	}
	fo := cell("failover, lease 1 s")
	times := strings.Split(strings.Split(fo[1], " (max ")[0], ", ")
	if len(times) != 2 {
		t.Errorf("failover: %q, want two kills", fo[1])
	}
	for _, d := range times {
		if err := positive(strings.TrimSuffix(d, "*")); err != nil {
			t.Errorf("failover: %q: %v", fo[1], err)
		}
	}

	// The etcd flow kept its cases and wallets in this cluster: the last
	// revision is the run's cleanup, the one before holds all it wrote.
	after := revision(t, ctx, cli)
	kept, err := cli.Get(ctx, "refundbot-load-", clientv3.WithPrefix(), clientv3.WithKeysOnly(), clientv3.WithRev(after-1))
	if err != nil {
		t.Fatal(err)
	}
	cases, wallets := 0, 0
	for _, kv := range kept.Kvs {
		cases += strings.Count(string(kv.Key), "/flow/cases/")
		wallets += strings.Count(string(kv.Key), "/flow/wallets/")
	}
	if cases != providers || wallets != providers {
		t.Errorf("the cluster held %d cases and %d wallets of the flow before the cleanup, want %d of each", cases, wallets, providers)
	}
	left, err := cli.Get(ctx, "refundbot-load-", clientv3.WithPrefix(), clientv3.WithCountOnly())
	if err != nil {
		t.Fatal(err)
	}
	if left.Count != 0 {
		t.Errorf("%d keys of the run left in the cluster", left.Count)
	}
}

// TestLoadEtcdNeedsACluster: without an etcd binary and without endpoints,
// --etcd fails at once, before the bbolt part, naming both flags.
func TestLoadEtcdNeedsACluster(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("REFUNDBOT_ETCD", "")
	var out bytes.Buffer
	err := Run(t.Context(), &out, Options{Providers: 2000, Duration: time.Minute, Etcd: true})
	if err == nil || !strings.Contains(err.Error(), "--etcd ") || !strings.Contains(err.Error(), "--etcd-endpoints") {
		t.Fatalf("err %v, want one naming --etcd and --etcd-endpoints", err)
	}
	if out.Len() > 0 {
		t.Errorf("printed %q before failing", out.String())
	}
}

func revision(t *testing.T, ctx context.Context, cli *clientv3.Client) int64 {
	t.Helper()
	r, err := cli.Get(ctx, "ready")
	if err != nil {
		t.Fatal(err)
	}
	return r.Header.Revision
}

func positive(s string) error {
	d, err := time.ParseDuration(s)
	if err == nil && d <= 0 {
		return strconv.ErrRange
	}
	return err
}
