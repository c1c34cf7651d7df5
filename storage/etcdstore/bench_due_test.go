package etcdstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// BenchmarkEtcdDueOutbox: one delivery pass (DueOutbox with the delivery
// worker's limit of 256) over an outbox of 2,000 pending messages of
// which 10 are due: 1,990 wait for a retry an hour away, each in its own
// Telegram chat, and 10 chats have a message due now.
func BenchmarkEtcdDueOutbox(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const pending, due = 2000, 10
	var batch []conversations.OutboxMessage
	for i := range pending {
		m := conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
			Recipient: fmt.Sprint(i), Reply: &conversations.Reply{Text: "Your refund case RF-123 was approved: 400 coins."},
			CreatedAt: now.Add(-time.Minute), NextAt: now.Add(time.Hour)}
		if i%(pending/due) == 0 {
			m.NextAt = now.Add(-time.Second)
		}
		batch = append(batch, m)
		if len(batch) == 20 {
			must(b, s.Enqueue(ctx, batch...))
			batch = nil
		}
	}
	b.ResetTimer()
	for range b.N {
		got, err := s.DueOutbox(ctx, now, 256)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != due {
			b.Fatalf("%d due, want %d", len(got), due)
		}
	}
}
