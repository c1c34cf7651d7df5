package bot

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
)

// journal records what the parts of a lifecycle did, in order.
type journal struct {
	mu     sync.Mutex
	events []string
}

func (j *journal) add(e string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.events = append(j.events, e)
}

func (j *journal) list() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.events)
}

// part runs until its context ends and notes when it stopped; fail, when
// set, ends it early with that error.
func (j *journal) part(name string, started chan<- struct{}, fail error) Runner {
	return RunnerFunc(func(ctx context.Context) error {
		started <- struct{}{}
		if fail != nil {
			return fail
		}
		<-ctx.Done()
		j.add(name + " stopped")
		return nil
	})
}

type journalWaiter struct{ j *journal }

func (w journalWaiter) Wait() { w.j.add("handlers waited") }

type journalOutbox struct{ j *journal }

func (o journalOutbox) Run(ctx context.Context) error {
	<-ctx.Done()
	o.j.add("delivery stopped")
	return nil
}

func (o journalOutbox) Drain(context.Context) (int, error) {
	o.j.add("outbox flushed")
	return 0, nil
}

type journalStore struct{ j *journal }

func (s journalStore) Close() error { s.j.add("store closed"); return nil }

// TestLifecycleStopsInOrder: intake first (HTTP, then the intake parts),
// then the handlers, the scheduler, the outbox's last pass, the store.
func TestLifecycleStopsInOrder(t *testing.T) {
	j := &journal{}
	started := make(chan struct{}, 3)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &Lifecycle{
		HTTP:    []HTTPServer{{Name: "http", Server: &http.Server{Handler: http.NotFoundHandler()}, Listener: ln}},
		Intake:  []Part{{Name: "telegram", Runner: j.part("intake", started, nil)}},
		Waiters: []Waiter{journalWaiter{j}},
		Jobs:    j.part("scheduler", started, nil),
		Outbox:  journalOutbox{j}, Store: journalStore{j},
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	<-started
	<-started
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatalf("HTTP not served while running: %v", err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after a stop by ctx: %v", err)
	}
	want := []string{"intake stopped", "handlers waited", "scheduler stopped", "delivery stopped", "outbox flushed", "store closed"}
	if got := j.list(); !slices.Equal(got, want) {
		t.Errorf("stop order:\n got %q\nwant %q", got, want)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("HTTP still served after Run returned")
	}
}

// TestLifecycleStopsWhenAPartFails: a part's failure stops the others in
// the same order and is Run's error.
func TestLifecycleStopsWhenAPartFails(t *testing.T) {
	j := &journal{}
	started := make(chan struct{}, 3)
	boom := errors.New("socket mode refused")
	l := &Lifecycle{
		Intake: []Part{{Name: "telegram", Runner: j.part("intake", started, nil)},
			{Name: "slack socket mode", Runner: j.part("socket", started, boom)}},
		Outbox: journalOutbox{j}, Store: journalStore{j},
	}
	err := l.Run(t.Context())
	if !errors.Is(err, boom) || err.Error() != "slack socket mode: socket mode refused" {
		t.Fatalf("Run = %v, want the failing part named", err)
	}
	want := []string{"intake stopped", "delivery stopped", "outbox flushed", "store closed"}
	if got := j.list(); !slices.Equal(got, want) {
		t.Errorf("stop order:\n got %q\nwant %q", got, want)
	}
}
