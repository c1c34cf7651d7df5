package etcdstore

import (
	"context"
	"fmt"

	"github.com/rockerstop/refundbot/conversations"
)

// Session returns a chat's conversation, if any.
func (s *Store) Session(ctx context.Context, chatID int64) (conversations.Session, bool, error) {
	var ss conversations.Session
	ok, err := s.getJSON(ctx, s.k(bSessions, i64(chatID)), &ss)
	if err != nil {
		return ss, false, fmt.Errorf("session %d: %w", chatID, err)
	}
	return ss, ok, nil
}

// SaveSession writes a chat's conversation.
func (s *Store) SaveSession(ctx context.Context, ss conversations.Session) error {
	return s.update(ctx, fmt.Sprintf("save session %d", ss.ChatID), func(t *txn) error {
		return s.putSession(t, ss)
	})
}

// SaveStep commits a dialogue step in one transaction: the session (or
// its deletion), the outbox records and the handled inbound update, and
// only if the chat's session is still the one the step read (else
// ErrStale).
func (s *Store) SaveStep(ctx context.Context, st conversations.Step) error {
	ss := st.Session
	return s.update(ctx, fmt.Sprintf("save step of chat %d", ss.ChatID), func(t *txn) error {
		if err := s.checkInbound(t, st.Inbound); err != nil {
			return err
		}
		if st.Read != nil {
			var now conversations.Session
			ok, err := t.getJSON(s.k(bSessions, i64(ss.ChatID)), &now)
			if err != nil {
				return err
			}
			if ok != st.Read.Existed || (ok && now.Nonce != st.Read.Nonce) {
				return fmt.Errorf("chat %d: %w", ss.ChatID, conversations.ErrStale)
			}
		}
		if err := s.enqueue(t, ss.UpdatedAt, st.Outbox); err != nil {
			return err
		}
		if err := s.markInboundDone(t, st.Inbound); err != nil {
			return err
		}
		if st.DeleteSession {
			t.del(s.k(bSessions, i64(ss.ChatID)))
			return nil
		}
		return s.putSession(t, ss)
	})
}

// DeleteSession forgets a chat's conversation.
func (s *Store) DeleteSession(ctx context.Context, chatID int64) error {
	return s.update(ctx, fmt.Sprintf("delete session %d", chatID), func(t *txn) error {
		t.del(s.k(bSessions, i64(chatID)))
		return nil
	})
}

// Sessions lists every conversation in chat order.
func (s *Store) Sessions(ctx context.Context) ([]conversations.Session, error) {
	kvs, _, err := s.list(ctx, s.bucketPrefix(bSessions), 0, 0)
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	return decodeAll[conversations.Session](kvs)
}

func (s *Store) putSession(t *txn, ss conversations.Session) error {
	return t.putJSON(s.k(bSessions, i64(ss.ChatID)), ss)
}
