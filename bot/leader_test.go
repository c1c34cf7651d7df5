package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// terms is a Leadership whose terms the test starts and ends.
type terms struct {
	mu   sync.Mutex
	cur  context.Context
	end  context.CancelFunc
	next chan struct{}
}

func newTerms() *terms { return &terms{next: make(chan struct{})} }

func (l *terms) elect() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cur, l.end = context.WithCancel(context.Background())
	close(l.next)
	l.next = make(chan struct{})
}

func (l *terms) depose() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.end()
	l.cur = nil
}

func (l *terms) Lead(ctx context.Context) (context.Context, error) {
	for {
		l.mu.Lock()
		cur, next := l.cur, l.next
		l.mu.Unlock()
		if cur != nil {
			c, cancel := context.WithCancel(ctx)
			context.AfterFunc(cur, cancel)
			return c, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-next:
		}
	}
}

func (l *terms) Leading() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur != nil
}

// TestRunLed: the loop runs only during a term, stops when the term ends,
// starts again at the next, is restarted after a failure while leading,
// and RunLed returns when its context ends.
func TestRunLed(t *testing.T) {
	l := newTerms()
	starts := make(chan context.Context, 10)
	fail := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunLed(ctx, l, slog.New(slog.DiscardHandler), "loop", time.Millisecond, func(term context.Context) error {
			starts <- term
			select {
			case <-term.Done():
				return nil
			case err := <-fail:
				return err
			}
		})
	}()
	select {
	case <-starts:
		t.Fatal("the loop ran before a term")
	case <-time.After(50 * time.Millisecond):
	}
	if Role(l) != "follower" {
		t.Fatalf("role %s before a term", Role(l))
	}
	l.elect()
	<-starts
	if Role(l) != "leader" {
		t.Fatalf("role %s during a term", Role(l))
	}
	fail <- errors.New("boom")
	restarted := <-starts // restarted in the same term
	if restarted.Err() != nil {
		t.Fatal("restarted with an ended context")
	}
	l.depose()
	<-restarted.Done() // the loop's context ends with the term
	l.elect()
	second := <-starts
	cancel()
	<-done
	if second.Err() == nil {
		t.Fatal("the loop's context outlived RunLed's")
	}
	if Role(Solo{}) != "leader" || Role(nil) != "leader" {
		t.Fatal("a lone replica is not the leader")
	}
}
