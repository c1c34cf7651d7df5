package storage

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// Enqueue commits messages to the outbox in one transaction. Each gets the
// next ID of the outbox sequence and state pending; an unset CreatedAt is
// now and an unset NextAt is CreatedAt (due at once).
func (db *DB) Enqueue(ctx context.Context, msgs ...conversations.OutboxMessage) error {
	return db.update(ctx, "enqueue", func(tx *bolt.Tx) error {
		return db.enqueue(tx, time.Time{}, msgs)
	})
}

// enqueue writes msgs inside tx; at is the default CreatedAt.
func (db *DB) enqueue(tx *bolt.Tx, at time.Time, msgs []conversations.OutboxMessage) error {
	if at.IsZero() {
		at = db.now()
	}
	out, pending := tx.Bucket(bOutbox), tx.Bucket(bOutboxPending)
	for _, m := range msgs {
		if m.Transport == "" || m.Recipient == "" || m.Kind == "" {
			return fmt.Errorf("outbox message needs transport, kind and recipient: %w", conversations.ErrInvalid)
		}
		id, err := out.NextSequence()
		if err != nil {
			return err
		}
		m.ID, m.State, m.Attempts, m.LastError, m.Ref = id, conversations.OutboxPending, 0, "", ""
		if m.CreatedAt.IsZero() {
			m.CreatedAt = at
		}
		if m.NextAt.IsZero() {
			m.NextAt = m.CreatedAt
		}
		if err := putJSON(out, u64(id), m); err != nil {
			return err
		}
		if err := pending.Put(u64(id), []byte(m.Lane())); err != nil {
			return err
		}
		if err := indexPending(tx, m); err != nil {
			return err
		}
	}
	return nil
}

// DueOutbox returns the due heads of the outbox's lanes, most urgent
// first (OutboxMessage.Urgency, then ID), at most limit (no limit when
// limit <= 0).
//
// A lane (OutboxMessage.Lane: a Telegram chat, a case's card, a case's
// thread) hands out only its oldest pending message, and only when that
// one is due at now: a lane's later messages wait until the earlier one
// is sent or failed. Across lanes one rule holds: a case's thread waits
// while its card is not posted. A card's head (its post or an update)
// carries in Covers the later pending updates of the same card, which its
// delivery makes redundant. Records written before lanes existed carry
// their recipient as their lane and keep their order per recipient.
//
// It reads the due index (outbox_due.go): only the lane heads due at
// now, in order of urgency and then of when they fell due, stopping at
// limit; then it orders them by urgency and ID. So when more heads are
// due than limit, the ones due longest go first.
func (db *DB) DueOutbox(ctx context.Context, now time.Time, limit int) ([]conversations.OutboxMessage, error) {
	var out []conversations.OutboxMessage
	err := db.view(ctx, "due outbox", func(tx *bolt.Tx) error {
		var err error
		out, err = dueHeads(tx, now, limit, &db.due)
		return err
	})
	return out, err
}

// OutboxSent marks a message delivered with the API's reference. Marking a
// message already sent again is a no-op.
func (db *DB) OutboxSent(ctx context.Context, id uint64, at time.Time, ref string) error {
	return db.settle(ctx, "outbox sent", id, func(tx *bolt.Tx, m *conversations.OutboxMessage) error {
		m.State, m.Ref, m.NextAt = conversations.OutboxSent, ref, at
		return nil
	})
}

// OutboxRetry records a failed attempt and when to try again.
func (db *DB) OutboxRetry(ctx context.Context, id uint64, next time.Time, errText string) error {
	return db.settle(ctx, "outbox retry", id, func(tx *bolt.Tx, m *conversations.OutboxMessage) error {
		m.Attempts++
		m.NextAt, m.LastError = next, errText
		return nil
	})
}

// OutboxAttempt records that a send which cannot be repeated safely
// starts at at; the first attempt's time is kept.
func (db *DB) OutboxAttempt(ctx context.Context, id uint64, at time.Time) error {
	return db.settle(ctx, "outbox attempt", id, func(tx *bolt.Tx, m *conversations.OutboxMessage) error {
		if m.Attempted.IsZero() {
			m.Attempted = at
		}
		return nil
	})
}

// OutboxFailed records a permanent failure; the message leaves the queue
// and, when it belongs to a case, a line is added to Case.Failures in the
// same transaction.
func (db *DB) OutboxFailed(ctx context.Context, id uint64, at time.Time, errText string) error {
	return db.settle(ctx, "outbox failed", id, func(tx *bolt.Tx, m *conversations.OutboxMessage) error {
		m.Attempts++
		m.State, m.LastError, m.NextAt = conversations.OutboxFailed, errText, at
		if m.CaseID == "" {
			return nil
		}
		c, err := mustCase(tx, m.CaseID)
		if err != nil {
			return fmt.Errorf("case of message %d: %w", id, err)
		}
		c.Failures = append(c.Failures, fmt.Sprintf("%s %s: %s", at.UTC().Format(time.RFC3339), m.Kind, errText))
		return putCase(tx, c)
	})
}

// settle applies fn to a pending message and keeps the pending index in
// step with its state. A message no longer pending is left alone.
//
// It goes through group commit: the delivery worker settles many messages
// at once, and one fsync for a group instead of one each is what keeps
// delivery ahead of busy conversations. A rerun, as bbolt may do, starts
// from the committed record (the failed attempt was rolled back), and fn
// has no effect outside the transaction.
func (db *DB) settle(ctx context.Context, op string, id uint64, fn func(*bolt.Tx, *conversations.OutboxMessage) error) error {
	return db.batch(ctx, fmt.Sprintf("%s %d", op, id), func(tx *bolt.Tx) error {
		var m conversations.OutboxMessage
		found, err := getJSON(tx.Bucket(bOutbox), u64(id), &m)
		if err != nil {
			return err
		}
		if !found {
			return conversations.ErrNotFound
		}
		if m.State != conversations.OutboxPending {
			return nil
		}
		was := m
		if err := fn(tx, &m); err != nil {
			return err
		}
		if err := reindex(tx, was, m); err != nil {
			return err
		}
		if m.State != conversations.OutboxPending {
			if err := tx.Bucket(bOutboxPending).Delete(u64(id)); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bOutbox), u64(id), m)
	})
}

// OutboxStats returns the number of pending messages and the age at now of
// the oldest one (0 when the queue is empty).
func (db *DB) OutboxStats(ctx context.Context, now time.Time) (depth int, oldest time.Duration, err error) {
	err = db.view(ctx, "outbox stats", func(tx *bolt.Tx) error {
		msgs := tx.Bucket(bOutbox)
		return tx.Bucket(bOutboxPending).ForEach(func(k, _ []byte) error {
			depth++
			var m conversations.OutboxMessage
			if _, err := getJSON(msgs, k, &m); err != nil {
				return err
			}
			if age := now.Sub(m.CreatedAt); age > oldest {
				oldest = age
			}
			return nil
		})
	})
	return depth, oldest, err
}
