package storage

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// Session returns the saved conversation of a chat; ok is false if none.
func (db *DB) Session(ctx context.Context, chatID int64) (conversations.Session, bool, error) {
	var s conversations.Session
	var ok bool
	err := db.view(ctx, fmt.Sprintf("session %d", chatID), func(tx *bolt.Tx) error {
		var err error
		ok, err = getJSON(tx.Bucket(bSessions), i64(chatID), &s)
		return err
	})
	return s, ok, err
}

// SaveSession stores a session under its chat, replacing the old one.
//
// It goes through db.Batch (group commit, for busy conversation steps).
// That is safe because the function is a single put of bytes encoded before
// Batch runs: running it twice, as bbolt may, writes the same value again
// and has no effect outside the transaction. Callers serialise steps per
// chat, so two saves of one chat are never in flight at once.
func (db *DB) SaveSession(ctx context.Context, s conversations.Session) error {
	return db.batch(ctx, fmt.Sprintf("save session %d", s.ChatID), func(tx *bolt.Tx) error {
		return putSession(tx, s)
	})
}

// SaveStep commits one dialogue step in one group commit: the session (or
// its deletion), the outbox records of its replies and the handled marker
// of the inbound update, so a reply is never sent for a step that was not
// saved, a step is never saved without its reply, and a replay after a
// crash cannot apply the step twice. Batch is safe here: a rerun starts
// from the committed state (the failed attempt, outbox sequence included,
// was rolled back) and writes the same records.
func (db *DB) SaveStep(ctx context.Context, st conversations.Step) error {
	return db.batch(ctx, fmt.Sprintf("save step of chat %d", st.Session.ChatID), func(tx *bolt.Tx) error {
		return db.saveStep(tx, st)
	})
}

// SaveLinkStep links a provider's Telegram account (as LinkTelegram) and
// commits the step that did it (as SaveStep) in one transaction of the
// group commit: the step that links costs one commit, not two. A stale
// step (ErrStale) or a failed link writes nothing at all.
func (db *DB) SaveLinkStep(ctx context.Context, link conversations.Link, st conversations.Step) error {
	if link.UserID == 0 {
		return fmt.Errorf("link telegram: user ID 0: %w", conversations.ErrInvalid)
	}
	return db.batch(ctx, fmt.Sprintf("save step of chat %d linking %s", st.Session.ChatID, link.ProviderID), func(tx *bolt.Tx) error {
		if err := linkTelegram(tx, link.ProviderID, link.UserID, link.At); err != nil {
			return err
		}
		return db.saveStep(tx, st)
	})
}

// saveStep writes a step inside tx.
func (db *DB) saveStep(tx *bolt.Tx, st conversations.Step) error {
	s := st.Session
	if err := checkInbound(tx, st.Inbound); err != nil {
		return err
	}
	if err := checkRead(tx, s.ChatID, st.Read); err != nil {
		return err
	}
	if err := db.enqueue(tx, s.UpdatedAt, st.Outbox); err != nil {
		return err
	}
	if err := db.markInboundDone(tx, st.Inbound); err != nil {
		return err
	}
	if st.DeleteSession {
		return tx.Bucket(bSessions).Delete(i64(s.ChatID))
	}
	return putSession(tx, s)
}

// DeleteSession removes a chat's session (no error if there is none). It
// is an idempotent delete, so it may use Batch like SaveSession.
func (db *DB) DeleteSession(ctx context.Context, chatID int64) error {
	return db.batch(ctx, fmt.Sprintf("delete session %d", chatID), func(tx *bolt.Tx) error {
		return tx.Bucket(bSessions).Delete(i64(chatID))
	})
}

// Sessions lists every saved session in chat ID order.
func (db *DB) Sessions(ctx context.Context) ([]conversations.Session, error) {
	out := []conversations.Session{}
	err := db.view(ctx, "sessions", func(tx *bolt.Tx) error {
		return tx.Bucket(bSessions).ForEach(func(_, v []byte) error {
			var s conversations.Session
			if err := jsonDecode(v, &s); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	})
	return out, err
}

func putSession(tx *bolt.Tx, s conversations.Session) error {
	return putJSON(tx.Bucket(bSessions), i64(s.ChatID), s)
}

// checkRead refuses a step whose session changed since it was read: the
// stored one must be there exactly when the step read one, with the same
// nonce (every write that matters to the dialogue moves it on).
func checkRead(tx *bolt.Tx, chatID int64, read *conversations.SessionRead) error {
	if read == nil {
		return nil
	}
	var now conversations.Session
	ok, err := getJSON(tx.Bucket(bSessions), i64(chatID), &now)
	if err != nil {
		return err
	}
	if ok != read.Existed || (ok && now.Nonce != read.Nonce) {
		return fmt.Errorf("chat %d: %w", chatID, conversations.ErrStale)
	}
	return nil
}
