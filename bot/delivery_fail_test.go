package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// submitCase files a real case so a failure can be recorded on it.
func (r *rig) submitCase() conversations.Case {
	r.t.Helper()
	ctx, at := context.Background(), r.clock.Now().Add(-time.Hour)
	if err := r.db.UpsertProviders(ctx, []conversations.Provider{{ID: "P-1", Name: "Asha", Phone: "+919876543210", OpeningBalance: 500}}, at); err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.db.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P-1", LeadID: "L-1", Coins: 50, UnlockedAt: at}}); err != nil {
		r.t.Fatal(err)
	}
	c, err := r.db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P-1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L-1"}, At: at})
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// TestDeliveryPermanentFailure: a permanent failure leaves the queue, is
// written on the case, is never tried again, and does not hold up the
// recipient's next message.
func TestDeliveryPermanentFailure(t *testing.T) {
	r := newRig(t, nil)
	c := r.submitCase()
	r.send.script["C1"] = []error{&scriptErr{permanent: true}}
	r.enqueue("C1", "card", c.ID)
	r.enqueue("C1", "after", "")
	r.drain(context.Background())
	if ms := r.due(time.Hour); len(ms) != 1 || ms[0].Text != "after" {
		t.Fatalf("pending after a permanent failure: %+v, want only the next message", ms)
	}
	got, err := r.db.Case(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Failures) != 1 || !strings.Contains(got.Failures[0], "permanent true") || !strings.Contains(got.Failures[0], string(conversations.OutSlackPost)) {
		t.Fatalf("case failures %q, want the one permanent failure", got.Failures)
	}
	r.drain(context.Background())
	r.clock.Advance(time.Hour)
	r.drain(context.Background())
	if r.send.calls != 2 {
		t.Fatalf("%d sends, want 2: the failed message must not be retried", r.send.calls)
	}
	if d := r.send.delivered(); !slices.Equal(d["C1"], []string{"after"}) {
		t.Fatalf("delivered %v", d)
	}
	if probs, err := r.db.Verify(context.Background()); err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", probs, err)
	}
}

// TestDeliveryShutdownMidSend: a send cut off by shutdown leaves its
// message pending and due with no attempt counted, even when the sender's
// error does not wrap the context's; a send the API took just as shutdown
// came is still recorded as sent, so a restart does not send it twice.
func TestDeliveryShutdownMidSend(t *testing.T) {
	r := newRig(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	// Shutdown comes once both sends are in flight, never before the
	// second one started: otherwise which of them runs is a race.
	var inFlight sync.WaitGroup
	inFlight.Add(2)
	go func() { inFlight.Wait(); cancel() }()
	r.send.hook = func(sctx context.Context, m conversations.OutboxMessage) (bool, error) {
		inFlight.Done()
		<-sctx.Done()
		if m.Recipient == "taken" {
			return true, nil
		}
		return true, fmt.Errorf("post: %v", sctx.Err()) // deliberately not wrapped
	}
	r.enqueue("cut", "c1", "")
	r.enqueue("taken", "t1", "")
	r.d.Parallel = 2
	r.drain(ctx)
	ms := r.due(0)
	if len(ms) != 1 || ms[0].Recipient != "cut" || ms[0].Attempts != 0 || ms[0].LastError != "" {
		t.Fatalf("after shutdown: due %+v, want only the cut-off message, untouched", ms)
	}
	depth, _, err := r.db.OutboxStats(context.Background(), r.clock.Now())
	if err != nil || depth != 1 {
		t.Fatalf("outbox depth %d (%v), want 1: the taken message is sent", depth, err)
	}
}

// TestDeliveryPacesPerRecipient: with a burst of one a second per
// recipient, a recipient that just got a message waits for the next
// second while a new recipient is served at once.
func TestDeliveryPacesPerRecipient(t *testing.T) {
	r := newRig(t, &Pace{Overall: 1000, OverallBurst: 100, PerRecipient: 1, Burst: 1})
	for _, m := range []string{"a1", "a2", "a3"} {
		r.enqueue("a", m, "")
	}
	r.enqueue("b", "b1", "")
	if n := r.drain(context.Background()); n != 2 {
		t.Fatalf("first pass sent %d, want a1 and b1", n)
	}
	r.enqueue("c", "c1", "")
	if n := r.drain(context.Background()); n != 1 {
		t.Fatalf("second pass sent %d, want only c1", n)
	}
	if d := r.send.delivered(); len(d["a"]) != 1 || len(d["c"]) != 1 {
		t.Fatalf("delivered %v: a is over its pace, c is not", d)
	}
	r.clock.Advance(time.Second)
	if n := r.drain(context.Background()); n != 1 {
		t.Fatalf("after a second sent %d, want a2", n)
	}
	if d := r.send.delivered(); !slices.Equal(d["a"], []string{"a1", "a2"}) {
		t.Fatalf("a got %v", d["a"])
	}
}
