package telegram_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// TestSenderDeliversAndTellsReadiness: the adapter's Sender is the
// delivery worker's sender on its own: what it sends reaches the chat,
// readiness hears of each message Telegram accepted and of no other, and
// its Classify calls a refused chat permanent.
func TestSenderDeliversAndTellsReadiness(t *testing.T) {
	h := newHarness(t)
	at := time.Date(2026, 3, 2, 8, 35, 0, 0, time.UTC)
	var contacts []time.Time
	h.opts.Clock = fixedClock{at}
	h.opts.OnContact = func(t time.Time) { contacts = append(contacts, t) }
	a, err := telegram.New(h.opts, h.dlg, h.inbox)
	if err != nil {
		t.Fatal(err)
	}
	const u = 21
	h.tg.UserSends(u, "/start")
	s := a.Sender()
	ctx := context.Background()
	ref, err := s.Send(ctx, conversations.OutboxMessage{ID: 1, Kind: conversations.OutTelegramReply,
		Recipient: fmt.Sprint(u), Reply: &conversations.Reply{Text: "Your case <b>RF-1</b> is submitted."}})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := h.tg.LastMessage(u)
	if !ok || fmt.Sprint(m.ID) != ref || m.Plain != "Your case RF-1 is submitted." {
		t.Errorf("chat shows %+v (ok %v), want the message %s", m, ok, ref)
	}
	if len(contacts) != 1 || !contacts[0].Equal(at) {
		t.Errorf("readiness told %v, want once at %v", contacts, at)
	}
	_, err = s.Send(ctx, conversations.OutboxMessage{ID: 2, Kind: conversations.OutTelegramReply,
		Recipient: "99", Reply: &conversations.Reply{Text: "to nobody"}})
	if err == nil {
		t.Fatal("a message to an unknown chat was accepted")
	}
	if _, permanent := s.Classify(err); !permanent {
		t.Errorf("Classify(%v): not permanent", err)
	}
	if len(contacts) != 1 {
		t.Errorf("readiness told %d times, want once: a refused message is no contact", len(contacts))
	}
}
