package storage

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// Markers of bInboxSeen.
const (
	inboxPending byte = 'p'
	inboxDone    byte = 'd'
)

func seenKey(source conversations.Transport, id int64) []byte { return join(string(source), i64(id)) }

// pendingKey orders pending updates by ID, then source.
func pendingKey(source conversations.Transport, id int64) []byte {
	return append(i64(id), source...)
}

// SaveInbound saves an update unless its (Source, ID) was seen before, even
// if it was handled since; fresh is false for a duplicate.
func (db *DB) SaveInbound(ctx context.Context, in conversations.Inbound) (bool, error) {
	fresh, err := db.SaveInbounds(ctx, []conversations.Inbound{in})
	if err != nil {
		return false, err
	}
	return fresh[0], nil
}

// SaveInbounds saves a batch of updates (one getUpdates answer) all or
// nothing, each unless it was seen before; fresh[i] is false for a
// duplicate. It uses Batch: the function reads the markers and writes the
// records from the committed state each time it runs, so a rerun computes
// the same result.
func (db *DB) SaveInbounds(ctx context.Context, ins []conversations.Inbound) ([]bool, error) {
	for _, in := range ins {
		if in.Source == "" {
			return nil, fmt.Errorf("save inbound %d: no source: %w", in.ID, conversations.ErrInvalid)
		}
	}
	fresh := make([]bool, len(ins))
	err := db.batch(ctx, fmt.Sprintf("save %d inbound", len(ins)), func(tx *bolt.Tx) error {
		seen := tx.Bucket(bInboxSeen)
		for i, in := range ins {
			fresh[i] = false
			if seen.Get(seenKey(in.Source, in.ID)) != nil {
				continue
			}
			if err := seen.Put(seenKey(in.Source, in.ID), seenValue(inboxPending, in.Received)); err != nil {
				return err
			}
			fresh[i] = true
			if err := putJSON(tx.Bucket(bInboxPending), pendingKey(in.Source, in.ID), in); err != nil {
				return err
			}
		}
		return nil
	})
	return fresh, err
}

// InboundDone marks an update handled; its dedup marker stays. Idempotent.
// An update that causes a step is marked by that step's own commit
// (Step.Inbound, NewCase.Inbound, Decision.Inbound: the Telegram adapter
// names the update in the event), so this separate commit is only for an
// update no step committed: one that could not be parsed, a step that
// failed, a stale button that changes nothing.
func (db *DB) InboundDone(ctx context.Context, source conversations.Transport, id int64) error {
	// An update not pending (never saved, or handled already) needs no write.
	var pending bool
	if err := db.view(ctx, fmt.Sprintf("inbound pending %s %d", source, id), func(tx *bolt.Tx) error {
		pending = tx.Bucket(bInboxPending).Get(pendingKey(source, id)) != nil
		return nil
	}); err != nil || !pending {
		return err
	}
	return db.batch(ctx, fmt.Sprintf("inbound done %s %d", source, id), func(tx *bolt.Tx) error {
		return db.markInboundDone(tx, &conversations.InboundRef{Source: source, ID: id})
	})
}

// checkInbound refuses, inside tx, a step for an update already marked
// handled (ErrInboundHandled): another handling of the same update (the
// replicated webhook's leader read it as pending while a handler was
// finishing it, or a new leader replayed it while the old one's handler
// committed) committed first, and this one must commit nothing. An
// update never saved is not refused. A nil ref passes.
func checkInbound(tx *bolt.Tx, ref *conversations.InboundRef) error {
	if ref == nil {
		return nil
	}
	if v := tx.Bucket(bInboxSeen).Get(seenKey(ref.Source, ref.ID)); len(v) > 0 && v[0] == inboxDone {
		return fmt.Errorf("update %s %d: %w", ref.Source, ref.ID, conversations.ErrInboundHandled)
	}
	return nil
}

// markInboundDone marks ref handled inside tx; a nil ref does nothing. It
// refuses an update already handled (checkInbound).
func (db *DB) markInboundDone(tx *bolt.Tx, ref *conversations.InboundRef) error {
	now := db.now()
	if err := checkInbound(tx, ref); err != nil || ref == nil {
		return err
	}
	if err := tx.Bucket(bInboxPending).Delete(pendingKey(ref.Source, ref.ID)); err != nil {
		return err
	}
	return tx.Bucket(bInboxSeen).Put(seenKey(ref.Source, ref.ID), seenValue(inboxDone, now))
}

// PendingInbound lists saved updates not yet handled, in ID order.
func (db *DB) PendingInbound(ctx context.Context) ([]conversations.Inbound, error) {
	out := []conversations.Inbound{}
	err := db.view(ctx, "pending inbound", func(tx *bolt.Tx) error {
		return tx.Bucket(bInboxPending).ForEach(func(_, v []byte) error {
			var in conversations.Inbound
			if err := jsonDecode(v, &in); err != nil {
				return err
			}
			out = append(out, in)
			return nil
		})
	})
	return out, err
}

// MarkOnce records key; first is false if it was recorded before.
func (db *DB) MarkOnce(ctx context.Context, key string, at time.Time) (bool, error) {
	if key == "" {
		return false, fmt.Errorf("mark once: empty key: %w", conversations.ErrInvalid)
	}
	var first bool
	err := db.update(ctx, "mark once "+key, func(tx *bolt.Tx) error {
		marks := tx.Bucket(bMarks)
		if marks.Get([]byte(key)) != nil {
			first = false
			return nil
		}
		first = true
		return marks.Put([]byte(key), []byte(at.UTC().Format(time.RFC3339Nano)))
	})
	return first, err
}
