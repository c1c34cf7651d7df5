package storage

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestDueIndexMatchesDueHeads runs storetest's randomized outbox test
// (the one etcd runs) on bbolt: DueOutbox, read from the due index,
// answers what conversations.DueHeads answers over the test's model of
// the pending messages, through enqueues, sends, covers, attempts,
// retries and failures; and again after the index is rebuilt from
// scratch and the file closed and opened again.
func TestDueIndexMatchesDueHeads(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			db, path := openTest(t)
			storetest.TestDueOutbox(t, db, storetest.DueOptions{Seed: seed,
				Reopen: func(t *testing.T) storetest.DueStore {
					must(t, db.bolt.Update(rebuildOutboxIndex))
					must(t, db.Close())
					db2, err := Open(path, Options{Now: func() time.Time { return t0 }})
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = db2.Close() })
					return db2
				}})
		})
	}
}

// TestDueOutboxDecodesOnlyChangedRecords: a pass reads again, without
// decoding, the heads the last pass read unchanged (a wave's cards waiting
// on Slack's pace); a record settled or retried since is decoded afresh,
// and a caller changing what it was given changes nothing stored.
func TestDueOutboxDecodesOnlyChangedRecords(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var msgs []conversations.OutboxMessage
	for i := range 5 {
		msgs = append(msgs, conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
			Recipient: fmt.Sprint(100 + i), CreatedAt: t0,
			Reply: &conversations.Reply{Text: fmt.Sprint("reply ", i), Buttons: [][]conversations.Button{{{Text: "OK", Data: "ok"}}}}})
	}
	must(t, db.Enqueue(ctx, msgs...))
	first, err := db.DueOutbox(ctx, t0, 0)
	must(t, err)
	if len(first) != 5 || db.due.decoded != 5 {
		t.Fatalf("first pass: %d heads, %d decoded; want 5 and 5", len(first), db.due.decoded)
	}
	// What the worker does with its copy stays its own.
	first[0].Reply.Text, first[0].Reply.Buttons[0][0].Data, first[0].Recipient = "changed", "changed", "changed"
	must(t, db.OutboxRetry(ctx, first[1].ID, t0, "429"))
	must(t, db.OutboxSent(ctx, first[2].ID, t0, "m-1"))
	again, err := db.DueOutbox(ctx, t0, 0)
	must(t, err)
	if db.due.decoded != 6 {
		t.Fatalf("second pass decoded %d records in all; want 6 (only the one retried decoded again)", db.due.decoded)
	}
	byID := map[uint64]conversations.OutboxMessage{}
	for _, m := range again {
		byID[m.ID] = m
	}
	if len(again) != 4 {
		t.Fatalf("second pass: %d heads, want 4 (one sent)", len(again))
	}
	if m := byID[first[0].ID]; m.Reply.Text != "reply 0" || m.Reply.Buttons[0][0].Data != "ok" || m.Recipient != "100" {
		t.Fatalf("a caller's change reached the next pass: %+v %+v", m, m.Reply)
	}
	if m := byID[first[1].ID]; m.Attempts != 1 || m.LastError != "429" {
		t.Fatalf("retried record read as attempts %d error %q; want 1, 429", m.Attempts, m.LastError)
	}
	if _, ok := byID[first[2].ID]; ok {
		t.Fatal("a sent message came back")
	}
}

// TestCopyOutboxCoversEveryReference: copyOutbox copies each field of an
// outbox message that could share memory with the cached record; a field
// added to OutboxMessage, Reply, Button or OutboxFile that holds a
// pointer, slice or map fails here until copyOutbox copies it too.
func TestCopyOutboxCoversEveryReference(t *testing.T) {
	copied := map[reflect.Type][]string{
		reflect.TypeFor[conversations.OutboxMessage](): {"Reply", "Files", "Covers"},
		reflect.TypeFor[conversations.Reply]():         {"Buttons"},
		reflect.TypeFor[conversations.Button]():        nil,
		reflect.TypeFor[conversations.OutboxFile]():    nil,
	}
	for typ, want := range copied {
		var got []string
		for f := range typ.Fields() {
			switch f.Type.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
				got = append(got, f.Name)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s holds references in %v; copyOutbox copies %v", typ, got, want)
		}
	}
}
