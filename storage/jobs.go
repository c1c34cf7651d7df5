package storage

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// bJobs holds one conversations.JobMark (JSON) per job name.
var bJobs = []byte("jobs")

// JobMark returns what is recorded of a job; a zero mark (Job set) when
// nothing is.
func (db *DB) JobMark(ctx context.Context, job string) (conversations.JobMark, error) {
	m := conversations.JobMark{Job: job}
	err := db.view(ctx, "job mark "+job, func(tx *bolt.Tx) error {
		var err error
		m, err = getMark(tx, job)
		return err
	})
	return m, err
}

// JobSeen records when a job was first seen (Since), once.
func (db *DB) JobSeen(ctx context.Context, job string, at time.Time) error {
	// The scheduler says so at every catch-up; once recorded, a read is
	// all it costs.
	if m, err := db.JobMark(ctx, job); err == nil && !m.Since.IsZero() {
		return nil
	}
	return db.markUpdate(ctx, "job seen "+job, job, func(m *conversations.JobMark) {
		if m.Since.IsZero() {
			m.Since = at
		}
	})
}

// SlotDone records slot as done at at, clearing the last failure. The
// slot only moves forward: an older slot changes nothing.
func (db *DB) SlotDone(ctx context.Context, job string, slot, at time.Time) error {
	return db.markUpdate(ctx, "job slot done "+job, job, func(m *conversations.JobMark) {
		advance(m, slot, at)
	})
}

// SlotFailed records a failed run of slot; the last slot done stays.
func (db *DB) SlotFailed(ctx context.Context, job string, slot, at time.Time, errText string) error {
	return db.markUpdate(ctx, "job slot failed "+job, job, func(m *conversations.JobMark) {
		m.FailedSlot, m.FailedAt, m.Err = slot, at, errText
	})
}

// CommitSlot enqueues msgs and advances the job's slot in one
// transaction, unless the slot is already done (then it reports false and
// writes nothing).
func (db *DB) CommitSlot(ctx context.Context, mark conversations.JobMark, msgs ...conversations.OutboxMessage) (bool, error) {
	var done bool
	err := db.update(ctx, "commit slot of "+mark.Job, func(tx *bolt.Tx) error {
		done = false
		m, err := getMark(tx, mark.Job)
		if err != nil {
			return err
		}
		if !m.Slot.IsZero() && !mark.Slot.After(m.Slot) {
			return nil
		}
		if err := db.enqueue(tx, mark.At, msgs); err != nil {
			return err
		}
		advance(&m, mark.Slot, mark.At)
		done = true
		return putMark(tx, m)
	})
	return done, err
}

// SweepOpenCases applies plan to every open case, oldest first, in one
// transaction: a planned case gets its new Reminders and its messages;
// mark (when mark.Job is set) advances with them.
func (db *DB) SweepOpenCases(ctx context.Context, plan func(conversations.Case) (conversations.CaseSweep, bool), mark conversations.JobMark) (int, error) {
	var n int
	err := db.update(ctx, "sweep open cases", func(tx *bolt.Tx) error {
		n = 0
		var seqs [][]byte
		if err := tx.Bucket(bOpenCases).ForEach(func(k, _ []byte) error {
			seqs = append(seqs, append([]byte(nil), k...))
			return nil
		}); err != nil {
			return err
		}
		for _, k := range seqs {
			c, found, err := getCaseBySeq(tx, seqOf(k))
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			sw, ok := plan(c)
			if !ok {
				continue
			}
			c.Reminders = sw.Reminders
			if err := putCase(tx, c); err != nil {
				return err
			}
			if err := db.enqueue(tx, mark.At, sw.Outbox); err != nil {
				return err
			}
			n++
		}
		return commitMark(tx, mark)
	})
	return n, err
}

// SweepSessions finds the sessions plan wants to change in a read
// transaction, then re-reads and re-plans those in one write transaction,
// saving or deleting each with its messages; mark advances with them.
func (db *DB) SweepSessions(ctx context.Context, plan func(conversations.Session) (conversations.SessionSweep, bool), mark conversations.JobMark) (int, error) {
	var chats []int64
	err := db.view(ctx, "sweep sessions", func(tx *bolt.Tx) error {
		return tx.Bucket(bSessions).ForEach(func(k, v []byte) error {
			var s conversations.Session
			if err := jsonDecode(v, &s); err != nil {
				return err
			}
			if _, ok := plan(s); ok {
				chats = append(chats, fromI64(k))
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	var n int
	err = db.update(ctx, "sweep sessions", func(tx *bolt.Tx) error {
		n = 0
		sessions := tx.Bucket(bSessions)
		for _, chat := range chats {
			var s conversations.Session
			found, err := getJSON(sessions, i64(chat), &s)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			sw, ok := plan(s)
			if !ok {
				continue
			}
			if sw.Delete {
				err = sessions.Delete(i64(chat))
			} else {
				sw.Session.ChatID = chat
				err = putSession(tx, sw.Session)
			}
			if err != nil {
				return err
			}
			if err := db.enqueue(tx, mark.At, sw.Outbox); err != nil {
				return err
			}
			n++
		}
		return commitMark(tx, mark)
	})
	return n, err
}

// advance moves m to slot (never back) and clears the last failure.
func advance(m *conversations.JobMark, slot, at time.Time) { m.Advance(slot, at) }

// commitMark advances mark.Job's slot inside tx; no job, no write.
func commitMark(tx *bolt.Tx, mark conversations.JobMark) error {
	if mark.Job == "" {
		return nil
	}
	m, err := getMark(tx, mark.Job)
	if err != nil {
		return err
	}
	advance(&m, mark.Slot, mark.At)
	return putMark(tx, m)
}

func (db *DB) markUpdate(ctx context.Context, op, job string, fn func(*conversations.JobMark)) error {
	if job == "" {
		return fmt.Errorf("%s: no job name: %w", op, conversations.ErrInvalid)
	}
	return db.update(ctx, op, func(tx *bolt.Tx) error {
		m, err := getMark(tx, job)
		if err != nil {
			return err
		}
		fn(&m)
		return putMark(tx, m)
	})
}

func getMark(tx *bolt.Tx, job string) (conversations.JobMark, error) {
	m := conversations.JobMark{Job: job}
	_, err := getJSON(tx.Bucket(bJobs), []byte(job), &m)
	m.Job = job
	return m, err
}

func putMark(tx *bolt.Tx, m conversations.JobMark) error {
	return putJSON(tx.Bucket(bJobs), []byte(m.Job), m)
}
