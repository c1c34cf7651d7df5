package storage

import (
	"context"
	"errors"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// A step marks its inbound update handled in the same commit as the session
// and the replies, and a deleting step removes the session.
func TestSaveStepMarksInboundAndDeletes(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for id := int64(1); id <= 2; id++ {
		fresh, err := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 7, Raw: []byte(`{}`), Received: t0})
		if err != nil || !fresh {
			t.Fatalf("SaveInbound %d: fresh=%v err=%v", id, fresh, err)
		}
	}
	step := conversations.Step{
		Session: conversations.Session{ChatID: 7, Step: "leads", UpdatedAt: t0},
		Outbox:  []conversations.OutboxMessage{tg("7", "send the lead IDs")},
		Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 1},
	}
	must(t, db.SaveStep(ctx, step))
	pending, err := db.PendingInbound(ctx)
	if err != nil || len(pending) != 1 || pending[0].ID != 2 {
		t.Fatalf("pending after step = %+v, %v; want only update 2", pending, err)
	}
	if s, ok, _ := db.Session(ctx, 7); !ok || s.Step != "leads" {
		t.Fatalf("session = %+v, %v; want step leads", s, ok)
	}
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 1 || due[0].Text != "send the lead IDs" {
		t.Fatalf("outbox = %+v, want the step's reply", due)
	}
	if fresh, _ := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 1, ChatID: 7, Received: t0}); fresh {
		t.Fatal("a handled update was accepted again")
	}
	must(t, db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: 7}, DeleteSession: true,
		Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 2}}))
	if _, ok, _ := db.Session(ctx, 7); ok {
		t.Fatal("session survived a deleting step")
	}
	if pending, _ := db.PendingInbound(ctx); len(pending) != 0 {
		t.Fatalf("pending = %+v, want none", pending)
	}
}

// One getUpdates answer is saved in one commit; duplicates, within the
// batch's history or seen before, come back not fresh and stay unsaved.
func TestSaveInboundsBatch(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	in := func(id int64) conversations.Inbound {
		return conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 7, Raw: []byte(`{}`), Received: t0}
	}
	if fresh, err := db.SaveInbound(ctx, in(2)); err != nil || !fresh {
		t.Fatalf("SaveInbound 2: fresh=%v err=%v", fresh, err)
	}
	fresh, err := db.SaveInbounds(ctx, []conversations.Inbound{in(1), in(2), in(3)})
	if err != nil || len(fresh) != 3 || !fresh[0] || fresh[1] || !fresh[2] {
		t.Fatalf("SaveInbounds = %v, %v; want [true false true]", fresh, err)
	}
	pending, err := db.PendingInbound(ctx)
	if err != nil || len(pending) != 3 || pending[0].ID != 1 || pending[2].ID != 3 {
		t.Fatalf("pending = %+v, %v; want 1, 2, 3", pending, err)
	}
	// A batch with an invalid update writes nothing at all.
	if _, err := db.SaveInbounds(ctx, []conversations.Inbound{in(4), {ID: 5}}); err == nil {
		t.Fatal("a batch with an update without source was accepted")
	}
	if pending, _ := db.PendingInbound(ctx); len(pending) != 3 {
		t.Fatalf("pending after a refused batch = %d updates, want 3", len(pending))
	}
}

// A provider's answer commits with its session and inbound marker; when
// the compare-and-set fails, neither is written.
func TestDecideCommitsSessionAndInbound(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	seed(t, db, 1, 2)
	c := submit(t, db, pid(1), leadOf(1, 1))
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StateWaitingProvider, By: "U1", At: t0, Question: "call log?"}); err != nil {
		t.Fatal(err)
	}
	for id := int64(1); id <= 2; id++ {
		if _, err := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 9, Received: t0}); err != nil {
			t.Fatal(err)
		}
	}
	answer := func(id int64, step string) error {
		_, err := db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateWaitingProvider},
			To: policy.StateOpen, By: pid(1), At: t0,
			Session: &conversations.Session{ChatID: 9, Step: step, UpdatedAt: t0},
			Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: id}})
		return err
	}
	must(t, answer(1, "idle"))
	if s, ok, _ := db.Session(ctx, 9); !ok || s.Step != "idle" {
		t.Fatalf("session after the answer = %+v, %v; want idle", s, ok)
	}
	if pending, _ := db.PendingInbound(ctx); len(pending) != 1 || pending[0].ID != 2 {
		t.Fatalf("pending = %+v, want only update 2", pending)
	}
	// The case is open now: a second answer is refused and writes nothing.
	if err := answer(2, "replayed"); !errors.Is(err, conversations.ErrAlreadyDecided) {
		t.Fatalf("second answer: %v, want ErrAlreadyDecided", err)
	}
	if s, _, _ := db.Session(ctx, 9); s.Step != "idle" {
		t.Fatalf("a refused answer saved its session: %+v", s)
	}
	if pending, _ := db.PendingInbound(ctx); len(pending) != 1 {
		t.Fatalf("a refused answer marked its update: pending = %+v", pending)
	}
}

// A step computed from a session that changed meanwhile is refused with
// ErrStale and writes nothing; one whose read still holds commits.
func TestSaveStepChecksWhatItRead(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	must(t, db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: 3, Step: "leads", Nonce: 4, UpdatedAt: t0},
		Read: &conversations.SessionRead{Existed: false}}))
	stale := []*conversations.SessionRead{{Existed: true, Nonce: 3}, {Existed: false}}
	for _, r := range stale {
		err := db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: 3, Step: "evidence", Nonce: 5, UpdatedAt: t0},
			Outbox: []conversations.OutboxMessage{tg("3", "send evidence")}, Read: r})
		if !errors.Is(err, conversations.ErrStale) {
			t.Fatalf("read %+v: %v, want ErrStale", *r, err)
		}
	}
	if s, _, _ := db.Session(ctx, 3); s.Step != "leads" {
		t.Fatalf("a stale step was saved: %+v", s)
	}
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 0 {
		t.Fatalf("a stale step queued %d messages", len(due))
	}
	must(t, db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: 3, Step: "evidence", Nonce: 5, UpdatedAt: t0},
		Read: &conversations.SessionRead{Existed: true, Nonce: 4}}))
	if s, _, _ := db.Session(ctx, 3); s.Step != "evidence" {
		t.Fatalf("session = %+v, want evidence", s)
	}
}

// The step that links a provider commits the link and the step together:
// both, or (a stale step, an unknown provider) neither.
func TestSaveLinkStepIsOneCommit(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	seed(t, db, 2, 1)
	step := func(nonce uint32, existed bool) conversations.Step {
		return conversations.Step{Session: conversations.Session{ChatID: 42, Step: "linked", UpdatedAt: t0},
			Outbox: []conversations.OutboxMessage{tg("42", "you are now linked")},
			Read:   &conversations.SessionRead{Existed: existed, Nonce: nonce}}
	}
	// A session written meanwhile: the step is stale, nothing is linked.
	must(t, db.SaveSession(ctx, conversations.Session{ChatID: 42, Step: "phone", Nonce: 5}))
	if err := db.SaveLinkStep(ctx, conversations.Link{ProviderID: "P1", UserID: 42, At: t0}, step(4, true)); !errors.Is(err, conversations.ErrStale) {
		t.Fatalf("stale link step: %v, want ErrStale", err)
	}
	// An unknown provider: refused, the step is not saved either.
	if err := db.SaveLinkStep(ctx, conversations.Link{ProviderID: "P9", UserID: 42, At: t0}, step(5, true)); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("link to an unknown provider: %v, want ErrNotFound", err)
	}
	if _, err := db.ProviderByTelegram(ctx, 42); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("user 42 linked after refused steps: %v", err)
	}
	if s, _, _ := db.Session(ctx, 42); s.Step != "phone" {
		t.Fatalf("session = %+v after refused steps, want the one written meanwhile", s)
	}
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 0 {
		t.Fatalf("outbox = %+v after refused steps, want empty", due)
	}
	must(t, db.SaveLinkStep(ctx, conversations.Link{ProviderID: "P1", UserID: 42, At: t0}, step(5, true)))
	if p, err := db.ProviderByTelegram(ctx, 42); err != nil || p.ID != "P1" {
		t.Fatalf("ProviderByTelegram(42) = %+v, %v; want P1", p, err)
	}
	if s, _, _ := db.Session(ctx, 42); s.Step != "linked" {
		t.Fatalf("session = %+v, want the step's", s)
	}
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 1 || due[0].Text != "you are now linked" {
		t.Fatalf("outbox = %+v, want the step's reply", due)
	}
}
