package storage

import (
	"context"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// seenValue is an inbox dedup marker: its state and when it was written,
// so that PruneRecords can drop markers nobody will redeliver any more.
func seenValue(state byte, at time.Time) []byte {
	v := make([]byte, 9)
	v[0] = state
	binary.BigEndian.PutUint64(v[1:], uint64(at.UnixNano()))
	return v
}

// seenAt is when a marker was written; zero for markers without a time.
func seenAt(v []byte) time.Time {
	if len(v) < 9 {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(v[1:])))
}

// PruneRecords deletes the bookkeeping written before before: inbox
// markers of handled updates (never those still pending), MarkOnce keys,
// and outbox messages delivered or failed for good (never pending ones;
// a failure stays on its case's card). Telegram redelivers an update for
// at most 24 hours and Slack retries for minutes, so markers older than
// that only cost space, and stale ones would swallow a reused Telegram
// update_id. mark (when mark.Job is set) commits with the deletions. It
// returns how many records went.
func (db *DB) PruneRecords(ctx context.Context, before time.Time, mark conversations.JobMark) (int, error) {
	var n int
	err := db.update(ctx, "prune dedup markers", func(tx *bolt.Tx) error {
		n = 0
		var old [][]byte
		seen := tx.Bucket(bInboxSeen)
		if err := seen.ForEach(func(k, v []byte) error {
			if len(v) > 0 && v[0] == inboxDone && seenAt(v).Before(before) {
				old = append(old, k) // delete after the walk: a cursor skips on delete
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range old {
			if err := seen.Delete(k); err != nil {
				return err
			}
		}
		n += len(old)
		old = old[:0]
		marks := tx.Bucket(bMarks)
		if err := marks.ForEach(func(k, v []byte) error {
			if at, err := time.Parse(time.RFC3339Nano, string(v)); err != nil || at.Before(before) {
				old = append(old, k)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range old {
			if err := marks.Delete(k); err != nil {
				return err
			}
		}
		n += len(old)
		old = old[:0]
		outbox := tx.Bucket(bOutbox)
		if err := outbox.ForEach(func(k, v []byte) error {
			var m conversations.OutboxMessage
			if err := jsonDecode(v, &m); err != nil {
				return err
			}
			if m.State != conversations.OutboxPending && m.NextAt.Before(before) {
				old = append(old, k) // NextAt of a settled message is when it settled
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range old {
			if err := outbox.Delete(k); err != nil {
				return err
			}
		}
		n += len(old)
		return commitMark(tx, mark)
	})
	return n, err
}
