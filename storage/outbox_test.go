package storage

import (
	"context"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

func tg(chat, text string) conversations.OutboxMessage {
	return conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
		Recipient: chat, Text: text, CreatedAt: t0}
}

func texts(ms []conversations.OutboxMessage) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Recipient+":"+m.Text)
	}
	return out
}

func TestOutboxOrderPerRecipient(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	must(t, db.Enqueue(ctx, tg("A", "a1"), tg("B", "b1"), tg("A", "a2")))
	must(t, db.Enqueue(ctx, tg("C", "c1")))
	due, err := db.DueOutbox(ctx, t0, 0)
	if err != nil || len(due) != 3 || due[0].Text != "a1" || due[1].Text != "b1" || due[2].Text != "c1" {
		t.Fatalf("due: %v %v", texts(due), err)
	}
	if due, _ := db.DueOutbox(ctx, t0, 2); len(due) != 2 {
		t.Fatalf("limit: %v", texts(due))
	}
	// a1 fails for now: A's later message must wait behind it.
	must(t, db.OutboxRetry(ctx, due[0].ID, t0.Add(time.Minute), "429"))
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 2 || due[0].Text != "b1" {
		t.Fatalf("after retry: %v", texts(due))
	}
	if due, _ := db.DueOutbox(ctx, t0.Add(time.Minute), 0); len(due) != 3 || due[0].Text != "a1" || due[0].Attempts != 1 || due[0].LastError != "429" {
		t.Fatalf("retry due: %+v", due)
	}
	must(t, db.OutboxSent(ctx, due[0].ID, t0, "m-1"))
	must(t, db.OutboxSent(ctx, due[0].ID, t0, "m-1")) // repeat: no-op
	if due, _ := db.DueOutbox(ctx, t0.Add(time.Minute), 0); len(due) != 3 || due[0].Text != "b1" || due[1].Text != "a2" {
		t.Fatalf("after sent: %v", texts(due))
	}
	depth, oldest, err := db.OutboxStats(ctx, t0.Add(time.Hour))
	if err != nil || depth != 3 || oldest != time.Hour {
		t.Fatalf("stats: %d %v %v", depth, oldest, err)
	}
	mustClean(t, db)
}

func TestOutboxFailedRecordsOnCase(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 1, 1)
	c := submit(t, db, "P1", "L1-1")
	must(t, db.Enqueue(ctx, conversations.OutboxMessage{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C1", CaseID: c.ID}))
	due, _ := db.DueOutbox(ctx, t0, 0)
	must(t, db.OutboxFailed(ctx, due[0].ID, t0, "channel_not_found"))
	c, _ = db.Case(ctx, c.ID)
	if len(c.Failures) != 1 {
		t.Fatalf("failures: %v", c.Failures)
	}
	if depth, _, _ := db.OutboxStats(ctx, t0); depth != 0 {
		t.Fatalf("depth %d after permanent failure", depth)
	}
	mustClean(t, db)
}

func TestInbox(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for _, id := range []int64{5, 3, 9} {
		fresh, err := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: id, Raw: []byte(`{"update_id":1}`), Received: t0})
		if err != nil || !fresh {
			t.Fatalf("save %d: %v %v", id, fresh, err)
		}
	}
	if fresh, _ := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 5}); fresh {
		t.Fatal("duplicate saved as fresh")
	}
	if fresh, _ := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Slack, ID: 5}); !fresh {
		t.Fatal("same ID from another source is not a duplicate")
	}
	must(t, db.InboundDone(ctx, conversations.Telegram, 3))
	if fresh, _ := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 3}); fresh {
		t.Fatal("a handled update came back as fresh")
	}
	p, err := db.PendingInbound(ctx)
	if err != nil || len(p) != 3 || p[0].ID != 5 || p[1].ID != 5 || p[2].ID != 9 || string(p[2].Raw) != `{"update_id":1}` {
		t.Fatalf("pending: %+v %v", p, err)
	}
	if first, _ := db.MarkOnce(ctx, "digest:2025-03-01", t0); !first {
		t.Fatal("first mark not first")
	}
	if first, _ := db.MarkOnce(ctx, "digest:2025-03-01", t0); first {
		t.Fatal("second mark first")
	}
}

func TestSaveStepConcurrent(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const chats = 40
	errs := make(chan error, chats)
	for i := 0; i < chats; i++ {
		go func() {
			errs <- db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: int64(i), Step: "reason", UpdatedAt: t0}, Outbox: []conversations.OutboxMessage{tg(itoa(i), "pick a reason")}})
		}()
	}
	for i := 0; i < chats; i++ {
		must(t, <-errs)
	}
	ss, _ := db.Sessions(ctx)
	due, _ := db.DueOutbox(ctx, t0, 0)
	if len(ss) != chats || len(due) != chats {
		t.Fatalf("%d sessions, %d messages; want %d each", len(ss), len(due), chats)
	}
	seen := map[uint64]bool{}
	for _, m := range due {
		if seen[m.ID] {
			t.Fatalf("outbox ID %d given twice", m.ID)
		}
		seen[m.ID] = true
	}
	must(t, db.DeleteSession(ctx, 3))
	if _, ok, _ := db.Session(ctx, 3); ok {
		t.Fatal("session 3 not deleted")
	}
	// A bad message fails its own step only, and writes nothing of it.
	if err := db.SaveStep(ctx, conversations.Step{Session: conversations.Session{ChatID: 99}, Outbox: []conversations.OutboxMessage{{}}}); err == nil {
		t.Fatal("step with a bad message saved")
	}
	if _, ok, _ := db.Session(ctx, 99); ok {
		t.Fatal("session of a failed step saved")
	}
	mustClean(t, db)
}

// An attempt is recorded on a pending message and keeps the first
// attempt's time; a settled message is left alone.
func TestOutboxAttempt(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	must(t, db.Enqueue(ctx, tg("A", "a1")))
	due, _ := db.DueOutbox(ctx, t0, 0)
	id := due[0].ID
	must(t, db.OutboxAttempt(ctx, id, t0.Add(time.Second)))
	must(t, db.OutboxAttempt(ctx, id, t0.Add(time.Minute)))
	if due, _ := db.DueOutbox(ctx, t0, 0); len(due) != 1 || !due[0].Attempted.Equal(t0.Add(time.Second)) || due[0].Attempts != 0 {
		t.Fatalf("after two attempts: %+v, want Attempted at the first and no failure counted", due)
	}
	must(t, db.OutboxSent(ctx, id, t0, "m-1"))
	must(t, db.OutboxAttempt(ctx, id, t0.Add(time.Hour)))
	if depth, _, _ := db.OutboxStats(ctx, t0); depth != 0 {
		t.Fatalf("depth %d: an attempt on a sent message revived it", depth)
	}
	mustClean(t, db)
}
