package storage

import (
	"context"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
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
