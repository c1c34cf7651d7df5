package storage

import (
	"context"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// PruneDedup drops handled inbound markers and MarkOnce keys older than
// the cut, keeps pending updates and newer keys, and commits the job mark.
func TestPruneDedup(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	tg := func(id int64) conversations.Inbound {
		return conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 1, Raw: []byte(`{}`), Received: t0}
	}
	if _, err := db.SaveInbounds(ctx, []conversations.Inbound{tg(1), tg(2)}); err != nil {
		t.Fatal(err)
	}
	must(t, db.InboundDone(ctx, conversations.Telegram, 1)) // 2 stays pending
	if _, err := db.MarkOnce(ctx, "slack:event:old", t0); err != nil {
		t.Fatal(err)
	}
	// Handled markers carry the store's time of handling (the real clock
	// here), so the cut is an hour from now; the new key is after it.
	cut := time.Now().Add(time.Hour)
	if _, err := db.MarkOnce(ctx, "slack:event:new", cut.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	n, err := db.PruneDedup(ctx, cut, conversations.JobMark{Job: conversations.JobDedupRetention, Slot: t0, At: t0})
	if err != nil || n != 2 {
		t.Fatalf("PruneDedup = %d, %v; want 2 (update 1's marker, the old key)", n, err)
	}
	if fresh, _ := db.SaveInbound(ctx, tg(2)); fresh {
		t.Error("a pending update's marker was pruned")
	}
	if first, _ := db.MarkOnce(ctx, "slack:event:new", t0); first {
		t.Error("a key newer than the cut was pruned")
	}
	if first, _ := db.MarkOnce(ctx, "slack:event:old", t0); !first {
		t.Error("the old key is still there")
	}
	if m, err := db.JobMark(ctx, conversations.JobDedupRetention); err != nil || !m.Slot.Equal(t0) {
		t.Errorf("job mark = %+v, %v; want slot %v", m, err, t0)
	}
	mustClean(t, db)
}
