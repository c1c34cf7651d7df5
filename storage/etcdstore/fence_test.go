package etcdstore

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// cutter is a TCP proxy on loopback to one etcd member: cut partitions
// whoever talks through it (every connection closed, new ones refused).
type cutter struct {
	ln    net.Listener
	to    string
	mu    sync.Mutex
	conns []net.Conn
	cut   bool
}

func newCutter(t *testing.T, to string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	c := &cutter{ln: ln, to: to}
	go c.serve()
	t.Cleanup(func() { c.partition(); _ = ln.Close() })
	return c
}

func (c *cutter) serve() {
	for {
		in, err := c.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", c.to)
		c.mu.Lock()
		if err != nil || c.cut {
			c.mu.Unlock()
			in.Close()
			if out != nil {
				out.Close()
			}
			continue
		}
		c.conns = append(c.conns, in, out)
		c.mu.Unlock()
		go func() { _, _ = io.Copy(out, in); out.Close() }()
		go func() { _, _ = io.Copy(in, out); in.Close() }()
	}
}

func (c *cutter) partition() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cut = true
	for _, conn := range c.conns {
		conn.Close()
	}
}

// TestLeaderStopsBeforeNextLeads partitions the leader from the cluster
// (its client's connections cut, so its keep-alives stop and its lease
// expires at the server): it must stop its singleton loop before the
// other replica starts one, by its own reckoning of the lease, not when
// its client finally notices the lost session. The delivery worker and
// the scheduler are such loops: two leaders never send at once.
func TestLeaderStopsBeforeNextLeads(t *testing.T) {
	needCluster(t)
	prefix := fmt.Sprintf("test/%d/", prefixes.Add(1))
	const ttl = 1
	ep := strings.TrimPrefix(shared.Endpoints()[0], "http://")
	cut := newCutter(t, ep)
	cliA, err := etcdtest.Client("http://" + cut.ln.Addr().String())
	must(t, err)
	defer cliA.Close()
	cliB, err := shared.Client()
	must(t, err)
	defer cliB.Close()

	var mu sync.Mutex
	var aStopped, bStarted time.Time
	run := func(el *Elector, onStart, onStop func()) context.CancelFunc {
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); _ = el.Run(ctx) }()
		go func() {
			defer wg.Done()
			bot.RunLed(ctx, el, slog.New(slog.DiscardHandler), "singleton", 10*time.Millisecond, func(term context.Context) error {
				onStart()
				<-term.Done()
				onStop()
				return term.Err()
			})
		}()
		return func() { cancel(); wg.Wait() }
	}
	a := NewElector(cliA, prefix, "a", ttl, slog.New(slog.DiscardHandler))
	b := NewElector(cliB, prefix, "b", ttl, slog.New(slog.DiscardHandler))
	var aRuns bool
	stopA := run(a, func() { mu.Lock(); aRuns = true; mu.Unlock() }, func() {
		mu.Lock()
		if aStopped.IsZero() {
			aStopped = time.Now()
		}
		mu.Unlock()
	})
	defer stopA()
	waitFor(t, 5*time.Second, "a leads", func() bool { mu.Lock(); defer mu.Unlock(); return aRuns })
	stopB := run(b, func() {
		mu.Lock()
		if bStarted.IsZero() {
			bStarted = time.Now()
		}
		mu.Unlock()
	}, func() {})
	defer stopB()
	// b campaigns behind a: its key is in the election.
	waitFor(t, 5*time.Second, "b campaigns", func() bool {
		resp, err := sharedCli.Get(context.Background(), prefix+"leader", clientv3.WithPrefix())
		return err == nil && resp.Count == 2
	})

	cut.partition()
	waitFor(t, 15*time.Second, "b leads after a was cut off", func() bool { mu.Lock(); defer mu.Unlock(); return !bStarted.IsZero() })
	mu.Lock()
	defer mu.Unlock()
	if aStopped.IsZero() || !aStopped.Before(bStarted) {
		t.Fatalf("a stopped at %v, b started at %v: a must stop first", aStopped.Format("15:04:05.000"), bStarted.Format("15:04:05.000"))
	}
	t.Logf("a stopped %s before b started", bStarted.Sub(aStopped).Round(time.Millisecond))
}
