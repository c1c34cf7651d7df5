package etcdstore

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Inbox marker states, the first byte of an inbox_seen value.
const (
	inboxPending byte = 'p'
	inboxDone    byte = 'd'
)

func seenValue(state byte, at time.Time) string {
	v := make([]byte, 9)
	v[0] = state
	binary.BigEndian.PutUint64(v[1:], uint64(at.UnixNano()))
	return string(v)
}

func (s *Store) seenKey(source conversations.Transport, id int64) string {
	return s.k(bInboxSeen, join(string(source), i64(id)))
}

func (s *Store) pendingKey(source conversations.Transport, id int64) string {
	return s.k(bInboxPending, i64(id)+string(source))
}

// SaveInbound saves an update unless its (Source, ID) was seen before.
func (s *Store) SaveInbound(ctx context.Context, in conversations.Inbound) (bool, error) {
	fresh, err := s.SaveInbounds(ctx, []conversations.Inbound{in})
	if err != nil {
		return false, err
	}
	return fresh[0], nil
}

// SaveInbounds saves one getUpdates answer (up to 100 updates) in
// transactions of inboundChunk updates, each within etcd's operation
// limit; fresh[i] is false for an update seen before. Every update is
// saved or the call fails; the caller confirms the offset only after.
func (s *Store) SaveInbounds(ctx context.Context, ins []conversations.Inbound) ([]bool, error) {
	for _, in := range ins {
		if in.Source == "" {
			return nil, fmt.Errorf("save inbound %d: no source: %w", in.ID, conversations.ErrInvalid)
		}
	}
	keys := make([]string, len(ins))
	for i, in := range ins {
		keys[i] = s.seenKey(in.Source, in.ID)
	}
	if err := s.warm(ctx, keys); err != nil {
		return nil, fmt.Errorf("save %d inbound: %w", len(ins), err)
	}
	fresh := make([]bool, len(ins))
	for lo := 0; lo < len(ins); lo += inboundChunk {
		hi := min(lo+inboundChunk, len(ins))
		err := s.update(ctx, fmt.Sprintf("save %d inbound", hi-lo), func(t *txn) error {
			for i := lo; i < hi; i++ {
				in := ins[i]
				fresh[i] = false
				_, seen, err := t.get(s.seenKey(in.Source, in.ID))
				if err != nil {
					return err
				}
				if seen {
					continue
				}
				fresh[i] = true
				t.put(s.seenKey(in.Source, in.ID), seenValue(inboxPending, in.Received))
				if err := t.putJSON(s.pendingKey(in.Source, in.ID), in); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return fresh, nil
}

// inboundChunk updates are two writes and one compare each: 40 stay
// well inside 128 operations.
const inboundChunk = 40

// InboundDone marks an update handled; the seen marker stays for dedup.
func (s *Store) InboundDone(ctx context.Context, source conversations.Transport, id int64) error {
	return s.update(ctx, fmt.Sprintf("inbound done %s %d", source, id), func(t *txn) error {
		if _, pending, err := t.get(s.pendingKey(source, id)); err != nil || !pending {
			return err
		}
		return s.markInboundDone(t, &conversations.InboundRef{Source: source, ID: id})
	})
}

// checkInbound refuses a step for an update already marked handled
// (ErrInboundHandled): another handling of the same update committed
// first (the replicated webhook's leader read it as pending while a
// handler was finishing it, or a new leader replayed it while the old
// one's handler committed), so this one must commit nothing. The read
// puts a compare on the marker's revision into the Txn: a handling that
// commits between this read and the commit fails the compare, and the
// batch runs again and is refused. An update never saved is not refused;
// a nil ref passes. Every step that names its update calls it first.
func (s *Store) checkInbound(t *txn, ref *conversations.InboundRef) error {
	if ref == nil {
		return nil
	}
	v, found, err := t.get(s.seenKey(ref.Source, ref.ID))
	if err != nil {
		return err
	}
	if found && len(v) > 0 && v[0] == inboxDone {
		return fmt.Errorf("update %s %d: %w", ref.Source, ref.ID, conversations.ErrInboundHandled)
	}
	return nil
}

// markInboundDone writes ref's handled marker; the step checked it first
// (checkInbound). A nil ref does nothing.
func (s *Store) markInboundDone(t *txn, ref *conversations.InboundRef) error {
	if ref == nil {
		return nil
	}
	t.del(s.pendingKey(ref.Source, ref.ID))
	t.put(s.seenKey(ref.Source, ref.ID), seenValue(inboxDone, s.now()))
	return nil
}

// PendingInbound lists saved updates not yet handled, in ID order.
func (s *Store) PendingInbound(ctx context.Context) ([]conversations.Inbound, error) {
	kvs, _, err := s.list(ctx, s.bucketPrefix(bInboxPending), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("pending inbound: %w", err)
	}
	return decodeAll[conversations.Inbound](kvs)
}

// MarkOnce records key; first is false if it was recorded before.
func (s *Store) MarkOnce(ctx context.Context, key string, at time.Time) (bool, error) {
	if key == "" {
		return false, fmt.Errorf("mark once: empty key: %w", conversations.ErrInvalid)
	}
	var first bool
	err := s.update(ctx, "mark once "+key, func(t *txn) error {
		first = false
		if _, found, err := t.get(s.k(bMarks, key)); err != nil || found {
			return err
		}
		first = true
		t.put(s.k(bMarks, key), at.UTC().Format(time.RFC3339Nano))
		return nil
	})
	return first, err
}
