package etcdstore

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// JobMark returns what is recorded of job.
func (s *Store) JobMark(ctx context.Context, job string) (conversations.JobMark, error) {
	m := conversations.JobMark{Job: job}
	if _, err := s.getJSON(ctx, s.k(bJobs, job), &m); err != nil {
		return m, fmt.Errorf("job mark %s: %w", job, err)
	}
	m.Job = job
	return m, nil
}

// JobSeen records the first time the scheduler saw job, once.
func (s *Store) JobSeen(ctx context.Context, job string, at time.Time) error {
	return s.markUpdate(ctx, "job seen "+job, job, func(m *conversations.JobMark) {
		if m.Since.IsZero() {
			m.Since = at
		}
	})
}

// SlotDone advances job's last slot done (never back).
func (s *Store) SlotDone(ctx context.Context, job string, slot, at time.Time) error {
	return s.markUpdate(ctx, "job slot done "+job, job, func(m *conversations.JobMark) { m.Advance(slot, at) })
}

// SlotFailed records a failed run; the last slot done stays.
func (s *Store) SlotFailed(ctx context.Context, job string, slot, at time.Time, errText string) error {
	return s.markUpdate(ctx, "job slot failed "+job, job, func(m *conversations.JobMark) {
		m.FailedSlot, m.FailedAt, m.Err = slot, at, errText
	})
}

// CommitSlot enqueues msgs and advances the job's slot in one
// transaction, unless the slot was done already (done false).
func (s *Store) CommitSlot(ctx context.Context, mark conversations.JobMark, msgs ...conversations.OutboxMessage) (bool, error) {
	var done bool
	err := s.update(ctx, "commit slot of "+mark.Job, func(t *txn) error {
		done = false
		m, err := s.getMark(t, mark.Job)
		if err != nil {
			return err
		}
		if !m.Slot.IsZero() && !mark.Slot.After(m.Slot) {
			return nil
		}
		if err := s.enqueue(t, mark.At, msgs); err != nil {
			return err
		}
		m.Advance(mark.Slot, mark.At)
		done = true
		return t.putJSON(s.k(bJobs, m.Job), m)
	})
	return done, err
}

// SweepOpenCases applies plan to every open case. Each changed case is
// its own transaction (the case's reminder count with its outbox
// records), so a sweep of any size stays inside etcd's limits; plan sees
// the count it set, so a sweep run again after a crash reminds no case
// twice. The job's slot advances after the last case.
func (s *Store) SweepOpenCases(ctx context.Context, plan func(conversations.Case) (conversations.CaseSweep, bool), mark conversations.JobMark) (int, error) {
	open, err := s.OpenCases(ctx)
	if err != nil {
		return 0, err
	}
	return sweep(ctx, s, open, mark, func(c conversations.Case) bool { _, ok := plan(c); return ok },
		func(t *txn, c0 conversations.Case) (bool, error) {
			c, err := s.mustCase(t, c0.ID)
			if err != nil {
				return false, err
			}
			sw, ok := plan(c)
			if !ok || c.State.Final() {
				return false, nil
			}
			c.Reminders = sw.Reminders
			if err := s.putCase(t, c); err != nil {
				return false, err
			}
			return true, s.enqueue(t, mark.At, sw.Outbox)
		})
}

// SweepSessions applies plan to every session, each change its own
// transaction guarded by the session it read.
func (s *Store) SweepSessions(ctx context.Context, plan func(conversations.Session) (conversations.SessionSweep, bool), mark conversations.JobMark) (int, error) {
	all, err := s.Sessions(ctx)
	if err != nil {
		return 0, err
	}
	return sweep(ctx, s, all, mark, func(ss conversations.Session) bool { _, ok := plan(ss); return ok },
		func(t *txn, s0 conversations.Session) (bool, error) {
			var ss conversations.Session
			if found, err := t.getJSON(s.k(bSessions, i64(s0.ChatID)), &ss); err != nil || !found {
				return false, err
			}
			sw, ok := plan(ss)
			if !ok {
				return false, nil
			}
			if sw.Delete {
				t.del(s.k(bSessions, i64(s0.ChatID)))
			} else {
				sw.Session.ChatID = s0.ChatID
				if err := s.putSession(t, sw.Session); err != nil {
					return false, err
				}
			}
			return true, s.enqueue(t, mark.At, sw.Outbox)
		})
}

// sweep runs change, in a transaction of its own, for each item that
// wants it (read outside), counts the changes and then advances mark.
func sweep[T any](ctx context.Context, s *Store, items []T, mark conversations.JobMark, wants func(T) bool, change func(*txn, T) (bool, error)) (int, error) {
	n := 0
	for _, it := range items {
		if !wants(it) {
			continue
		}
		changed := false
		if err := s.update(ctx, "sweep "+mark.Job, func(t *txn) error {
			var err error
			changed, err = change(t, it)
			return err
		}); err != nil {
			return n, err
		}
		if changed {
			n++
		}
	}
	return n, s.commitMark(ctx, mark)
}

func (s *Store) commitMark(ctx context.Context, mark conversations.JobMark) error {
	if mark.Job == "" {
		return nil
	}
	return s.markUpdate(ctx, "job slot done "+mark.Job, mark.Job, func(m *conversations.JobMark) { m.Advance(mark.Slot, mark.At) })
}

func (s *Store) markUpdate(ctx context.Context, op, job string, fn func(*conversations.JobMark)) error {
	if job == "" {
		return fmt.Errorf("%s: no job name: %w", op, conversations.ErrInvalid)
	}
	return s.update(ctx, op, func(t *txn) error {
		m, err := s.getMark(t, job)
		if err != nil {
			return err
		}
		fn(&m)
		return t.putJSON(s.k(bJobs, job), m)
	})
}

func (s *Store) getMark(t *txn, job string) (conversations.JobMark, error) {
	m := conversations.JobMark{Job: job}
	_, err := t.getJSON(s.k(bJobs, job), &m)
	m.Job = job
	return m, err
}

// PruneRecords deletes handled inbox markers, once-marks and settled
// outbox records older than before, in transactions of at most maxOps
// deletions (each one idempotent), then advances the job's slot.
func (s *Store) PruneRecords(ctx context.Context, before time.Time, mark conversations.JobMark) (int, error) {
	var old []string
	seen, _, err := s.list(ctx, s.bucketPrefix(bInboxSeen), 0, 0)
	if err != nil {
		return 0, fmt.Errorf("prune records: %w", err)
	}
	for _, kv := range seen {
		v := kv.Value
		if len(v) == 9 && v[0] == inboxDone && time.Unix(0, int64(seqOf(v))).Before(before) {
			old = append(old, s.k(bInboxSeen, kv.Key))
		}
	}
	marks, _, err := s.list(ctx, s.bucketPrefix(bMarks), 0, 0)
	if err != nil {
		return 0, fmt.Errorf("prune records: %w", err)
	}
	for _, kv := range marks {
		if at, err := time.Parse(time.RFC3339Nano, kv.Value); err != nil || at.Before(before) {
			old = append(old, s.k(bMarks, kv.Key))
		}
	}
	outbox, _, err := s.list(ctx, s.bucketPrefix(bOutbox), 0, 0)
	if err != nil {
		return 0, fmt.Errorf("prune records: %w", err)
	}
	msgs, err := decodeAll[conversations.OutboxMessage](outbox)
	if err != nil {
		return 0, fmt.Errorf("prune records: %w", err)
	}
	for _, m := range msgs {
		if m.State != conversations.OutboxPending && m.NextAt.Before(before) {
			old = append(old, s.k(bOutbox, u64(m.ID)))
		}
	}
	for lo := 0; lo < len(old); lo += s.maxOps {
		chunk := old[lo:min(lo+s.maxOps, len(old))]
		if err := s.update(ctx, "prune records", func(t *txn) error {
			for _, k := range chunk {
				t.del(k)
			}
			return nil
		}); err != nil {
			return lo, err
		}
	}
	return len(old), s.commitMark(ctx, mark)
}
