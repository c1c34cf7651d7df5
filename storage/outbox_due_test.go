package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// TestDueIndexMatchesDueHeads: through random enqueues, retries, sends
// (with the covered updates) and failures, DueOutbox read from the due
// index answers what conversations.DueHeads answers over every pending
// message, at several times; and the file reopened (the index rebuilt
// from scratch) answers the same.
func TestDueIndexMatchesDueHeads(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []conversations.OutboxKind{conversations.OutSlackCard, conversations.OutSlackCardUpdate, conversations.OutSlackThread,
		conversations.OutSlackUpload, conversations.OutSlackPost, conversations.OutTelegramReply}
	cased := map[string]bool{}
	msg := func() conversations.OutboxMessage {
		k := kinds[rng.IntN(len(kinds))]
		m := conversations.OutboxMessage{Transport: conversations.Slack, Kind: k, Recipient: "C1", CreatedAt: t0}
		switch k {
		case conversations.OutTelegramReply:
			m.Transport, m.Recipient = conversations.Telegram, fmt.Sprint(rng.IntN(4))
		case conversations.OutSlackPost:
		case conversations.OutSlackCard:
			id := fmt.Sprint("RF-", rng.IntN(6))
			if cased[id] {
				m.Kind = conversations.OutSlackCardUpdate
			}
			cased[id] = true
			m.CaseID = id
		default:
			m.CaseID = fmt.Sprint("RF-", rng.IntN(6))
		}
		return m
	}
	check := func(step int) {
		t.Helper()
		for _, at := range []time.Duration{0, time.Minute, time.Hour} {
			got, err := db.DueOutbox(ctx, t0.Add(at), 0)
			if err != nil {
				t.Fatal(err)
			}
			want, err := scanDue(db, t0.Add(at))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := heads(got)+ids(got), heads(want)+ids(want); g != w {
				t.Fatalf("step %d at +%s: index %q, want %q", step, at, g, w)
			}
		}
	}
	for step := range 400 {
		switch r := rng.IntN(10); {
		case r < 4:
			must(t, db.Enqueue(ctx, msg()))
		default:
			due, err := db.DueOutbox(ctx, t0.Add(time.Hour), 0)
			if err != nil || len(due) == 0 {
				continue
			}
			m := due[rng.IntN(len(due))]
			switch r {
			case 4, 5, 6:
				must(t, db.OutboxSent(ctx, m.ID, t0, "ref"))
				for _, id := range m.Covers {
					must(t, db.OutboxSent(ctx, id, t0, "ref"))
				}
			case 7:
				if m.CaseID == "" { // a case's failure needs the case
					must(t, db.OutboxFailed(ctx, m.ID, t0, "gone"))
				}
			default:
				must(t, db.OutboxRetry(ctx, m.ID, t0.Add(time.Duration(rng.IntN(90))*time.Second), "429"))
			}
		}
		check(step)
	}
	must(t, db.Close())
	db2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	db = db2
	check(-1)
	must(t, db.bolt.Update(rebuildOutboxIndex))
	check(-2)
}

// scanDue is DueOutbox as it was before the due index: DueHeads over the
// whole pending index.
func scanDue(db *DB, now time.Time) ([]conversations.OutboxMessage, error) {
	var out []conversations.OutboxMessage
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var pending []conversations.PendingRef
		if err := tx.Bucket(bOutboxPending).ForEach(func(k, lane []byte) error {
			pending = append(pending, conversations.PendingRef{ID: binary.BigEndian.Uint64(k), Lane: string(lane)})
			return nil
		}); err != nil {
			return err
		}
		var err error
		out, err = conversations.DueHeads(pending, func(id uint64) (conversations.OutboxMessage, error) {
			var m conversations.OutboxMessage
			_, err := getJSON(tx.Bucket(bOutbox), u64(id), &m)
			return m, err
		}, now, 0)
		return err
	})
	return out, err
}

func ids(ms []conversations.OutboxMessage) string {
	s := ""
	for _, m := range ms {
		s += fmt.Sprint(" ", m.ID, m.Covers)
	}
	return s
}
