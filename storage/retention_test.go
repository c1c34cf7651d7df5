package storage

import (
	"context"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// PruneRecords drops handled inbound markers and MarkOnce keys older than
// the cut, keeps pending updates and newer keys, and commits the job mark.
func TestPruneRecords(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	upd := func(id int64) conversations.Inbound {
		return conversations.Inbound{Source: conversations.Telegram, ID: id, ChatID: 1, Raw: []byte(`{}`), Received: t0}
	}
	if _, err := db.SaveInbounds(ctx, []conversations.Inbound{upd(1), upd(2)}); err != nil {
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
	must(t, db.Enqueue(ctx, tg("1", "delivered"), tg("2", "still pending")))
	due, err := db.DueOutbox(ctx, t0, 0)
	if err != nil || len(due) != 2 {
		t.Fatalf("due = %v, %v", due, err)
	}
	must(t, db.OutboxSent(ctx, due[0].ID, t0, "m-1"))
	n, err := db.PruneRecords(ctx, cut, conversations.JobMark{Job: conversations.JobRecordsRetention, Slot: t0, At: t0})
	if err != nil || n != 3 {
		t.Fatalf("PruneRecords = %d, %v; want 3 (update 1's marker, the old key, the delivered message)", n, err)
	}
	if depth, _, _ := db.OutboxStats(ctx, t0); depth != 1 {
		t.Errorf("outbox depth %d after pruning, want the pending message kept", depth)
	}
	if fresh, _ := db.SaveInbound(ctx, upd(2)); fresh {
		t.Error("a pending update's marker was pruned")
	}
	if first, _ := db.MarkOnce(ctx, "slack:event:new", t0); first {
		t.Error("a key newer than the cut was pruned")
	}
	if first, _ := db.MarkOnce(ctx, "slack:event:old", t0); !first {
		t.Error("the old key is still there")
	}
	if m, err := db.JobMark(ctx, conversations.JobRecordsRetention); err != nil || !m.Slot.Equal(t0) {
		t.Errorf("job mark = %+v, %v; want slot %v", m, err, t0)
	}
	mustClean(t, db)
}
