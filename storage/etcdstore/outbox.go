package etcdstore

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Enqueue adds messages to the outbox in one transaction.
func (s *Store) Enqueue(ctx context.Context, msgs ...conversations.OutboxMessage) error {
	return s.update(ctx, "enqueue", func(t *txn) error {
		return s.enqueue(t, time.Time{}, msgs)
	})
}

// enqueue writes msgs inside t as pending records with fresh IDs; a
// pending message is also kept under outbox_pending (what verify and
// OutboxStats read) and in the due index (outbox_due.go, what the
// delivery pass reads).
func (s *Store) enqueue(t *txn, at time.Time, msgs []conversations.OutboxMessage) error {
	if at.IsZero() {
		at = s.now()
	}
	for _, m := range msgs {
		if m.Transport == "" || m.Recipient == "" || m.Kind == "" {
			return fmt.Errorf("outbox message needs transport, kind and recipient: %w", conversations.ErrInvalid)
		}
		id, err := s.nextSeq(t, bOutbox)
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
		if err := s.putOutbox(t, m); err != nil {
			return err
		}
		if err := s.indexPending(t, m); err != nil {
			return err
		}
	}
	return nil
}

// putOutbox writes m and keeps its pending copy in step with its state.
func (s *Store) putOutbox(t *txn, m conversations.OutboxMessage) error {
	if err := t.putJSON(s.k(bOutbox, u64(m.ID)), m); err != nil {
		return err
	}
	if m.State == conversations.OutboxPending {
		return t.putJSON(s.k(bOutboxPending, u64(m.ID)), m)
	}
	t.del(s.k(bOutboxPending, u64(m.ID)))
	return nil
}

func (s *Store) pending(ctx context.Context) ([]conversations.OutboxMessage, error) {
	kvs, _, err := s.list(ctx, s.bucketPrefix(bOutboxPending), 0, 0)
	if err != nil {
		return nil, err
	}
	return decodeAll[conversations.OutboxMessage](kvs)
}

// OutboxSent records a delivered message and what the API returned.
func (s *Store) OutboxSent(ctx context.Context, id uint64, at time.Time, ref string) error {
	return s.settle(ctx, "outbox sent", id, func(_ *txn, m *conversations.OutboxMessage) error {
		m.State, m.Ref, m.NextAt = conversations.OutboxSent, ref, at
		return nil
	})
}

// OutboxRetry schedules another attempt.
func (s *Store) OutboxRetry(ctx context.Context, id uint64, next time.Time, errText string) error {
	return s.settle(ctx, "outbox retry", id, func(_ *txn, m *conversations.OutboxMessage) error {
		m.Attempts++
		m.NextAt, m.LastError = next, errText
		return nil
	})
}

// OutboxAttempt records that a send which cannot be repeated safely
// starts at at; the first attempt's time is kept.
func (s *Store) OutboxAttempt(ctx context.Context, id uint64, at time.Time) error {
	return s.settle(ctx, "outbox attempt", id, func(_ *txn, m *conversations.OutboxMessage) error {
		if m.Attempted.IsZero() {
			m.Attempted = at
		}
		return nil
	})
}

// OutboxFailed records a permanent failure, on the case too.
func (s *Store) OutboxFailed(ctx context.Context, id uint64, at time.Time, errText string) error {
	return s.settle(ctx, "outbox failed", id, func(t *txn, m *conversations.OutboxMessage) error {
		m.Attempts++
		m.State, m.LastError, m.NextAt = conversations.OutboxFailed, errText, at
		if m.CaseID == "" {
			return nil
		}
		c, err := s.mustCase(t, m.CaseID)
		if err != nil {
			return fmt.Errorf("case of message %d: %w", id, err)
		}
		c.Failures = append(c.Failures, fmt.Sprintf("%s %s: %s", at.UTC().Format(time.RFC3339), m.Kind, errText))
		return s.putCase(t, c)
	})
}

// settle changes a pending message; a settled one is left alone.
func (s *Store) settle(ctx context.Context, op string, id uint64, fn func(*txn, *conversations.OutboxMessage) error) error {
	return s.update(ctx, fmt.Sprintf("%s %d", op, id), func(t *txn) error {
		var m conversations.OutboxMessage
		found, err := t.getJSON(s.k(bOutbox, u64(id)), &m)
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
		if err := fn(t, &m); err != nil {
			return err
		}
		if err := s.reindex(t, was, m); err != nil {
			return err
		}
		return s.putOutbox(t, m)
	})
}

// OutboxStats returns how many messages wait and the oldest one's age.
func (s *Store) OutboxStats(ctx context.Context, now time.Time) (depth int, oldest time.Duration, err error) {
	pending, err := s.pending(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("outbox stats: %w", err)
	}
	for _, m := range pending {
		oldest = max(oldest, now.Sub(m.CreatedAt))
	}
	return len(pending), oldest, nil
}
