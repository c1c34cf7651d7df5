package bot

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

func isIdle(f *Foreground) bool {
	select {
	case <-f.Idle():
		return true
	default:
		return false
	}
}

// TestForegroundCountsSlackRequests: the mux counts a Slack interaction
// and a slash command in while they are served, and out when answered
// (or when the handler panics), and nothing else.
func TestForegroundCountsSlackRequests(t *testing.T) {
	fg := &Foreground{}
	inside := make(chan bool, 1)
	release := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inside <- isIdle(fg)
		<-release
		if r.URL.Path == "/slack/commands" {
			panic("handler failed")
		}
	})
	srv := httptest.NewUnstartedServer(NewMux(Routes{SlackInteractions: slow, SlackCommands: slow, SlackEvents: slow, Foreground: fg}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the panic's stack
	srv.Start()
	defer srv.Close()
	for _, path := range []string{"/slack/interactions", "/slack/commands", "/slack/events"} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			if res, err := http.Post(srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader("payload=%7B%7D")); err == nil {
				res.Body.Close()
			}
		}()
		idleInside := <-inside
		release <- struct{}{}
		<-done
		if want := path == "/slack/events"; idleInside != want {
			t.Errorf("%s: idle while served = %v, want %v (events are not an agent waiting)", path, idleInside, want)
		}
		if !isIdle(fg) {
			t.Fatalf("%s: still counted in after it was answered", path)
		}
	}
}

// TestDeliveryHoldsWhileAnAgentWaits: while a click is in flight the
// worker starts no pass; once it is answered the notice goes out.
func TestDeliveryHoldsWhileAnAgentWaits(t *testing.T) {
	r := newRig(t, nil)
	r.d.Foreground, r.d.MaxHold = &Foreground{}, time.Hour
	out := r.d.Foreground.Enter()
	r.enqueue("C1", "approved", "RF-1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.d.Run(ctx) //nolint:errcheck // ends with ctx
	r.d.Wake()
	time.Sleep(150 * time.Millisecond) // a worker that does not hold sends within a millisecond
	if got := r.send.delivered()["C1"]; len(got) != 0 {
		t.Fatalf("sent %q while an agent's click was in flight", got)
	}
	out()
	waitDelivered(t, r, "C1", 1)
}

// TestDeliveryHoldEndsAtMaxHold: clicks without end do not starve the
// outbox: a pass runs, whole, once MaxHold is out.
func TestDeliveryHoldEndsAtMaxHold(t *testing.T) {
	r := newRig(t, nil)
	r.d.Foreground, r.d.MaxHold = &Foreground{}, 20*time.Millisecond
	defer r.d.Foreground.Enter()() // never idle while the test runs
	for i := range 3 {
		r.enqueue("C1", "notice", "")
		r.enqueue("C"+string(rune('2'+i)), "notice", "")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.d.Run(ctx) //nolint:errcheck // ends with ctx
	waitDelivered(t, r, "C1", 3)
}

// TestPassYieldsToAnAgent: a pass that started with nobody waiting starts
// no further send once a click arrives, and leaves the rest due; a pass
// told not to yield (one after MaxHold, or Drain) sends everything.
func TestPassYieldsToAnAgent(t *testing.T) {
	r := newRig(t, nil)
	fg := &Foreground{}
	r.d.Foreground, r.d.Parallel = fg, 1
	var out func()
	r.send.hook = func(context.Context, conversations.OutboxMessage) (bool, error) {
		if out == nil {
			out = fg.Enter() // a click arrives while the first message is sent
		}
		return false, nil
	}
	for _, c := range []string{"C1", "C2", "C3"} {
		r.enqueue(c, "notice", "")
	}
	res, err := r.d.pass(context.Background(), true)
	if err != nil || !res.yielded || res.sent != 1 {
		t.Fatalf("pass = %+v, %v; want 1 sent, then yielded", res, err)
	}
	if n := len(r.due(0)); n != 2 {
		t.Fatalf("%d messages due after the yield, want 2", n)
	}
	if res, err = r.d.pass(context.Background(), false); err != nil || res.sent != 2 || res.yielded {
		t.Fatalf("unyielding pass = %+v, %v; want the 2 left sent", res, err)
	}
	out()
}

func waitDelivered(t *testing.T, r *rig, recipient string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(r.send.delivered()[recipient]) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s got %q, want %d messages", recipient, r.send.delivered()[recipient], n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestDeliveryHoldSpansPasses: clicks that follow one another with short
// gaps cannot hold the outbox past MaxHold: here a click starts as each
// pass reads the outbox (so the pass yields before its first send) and
// ends a millisecond later (so the next hold ends early). MaxHold counts
// across passes; a pass once it is spent runs whole.
func TestDeliveryHoldSpansPasses(t *testing.T) {
	r := newRig(t, nil)
	fg := &Foreground{}
	r.d.Store = clickEachPass{OutboxStore: r.db, fg: fg}
	r.d.Foreground, r.d.MaxHold = fg, 50*time.Millisecond
	r.enqueue("C1", "notice", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.d.Run(ctx)              //nolint:errcheck // ends with ctx
	waitDelivered(t, r, "C1", 1) // while every pass still meets a click
}

// clickEachPass starts a click of a millisecond at each outbox read.
type clickEachPass struct {
	conversations.OutboxStore
	fg *Foreground
}

func (c clickEachPass) DueOutbox(ctx context.Context, now time.Time, limit int) ([]conversations.OutboxMessage, error) {
	out := c.fg.Enter()
	time.AfterFunc(time.Millisecond, out)
	return c.OutboxStore.DueOutbox(ctx, now, limit)
}
