package etcdstore

import (
	"context"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestSaveInboundsFullAnswer: a getUpdates answer of 100 updates (more
// than one etcd transaction holds) is saved whole, and again is all seen.
func TestSaveInboundsFullAnswer(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	var ins []conversations.Inbound
	for i := range 100 {
		ins = append(ins, conversations.Inbound{Source: conversations.Telegram, ID: int64(1000 + i), ChatID: 7, Raw: []byte(`{}`), Received: time.Now()})
	}
	for round, want := range []bool{true, false} {
		fresh, err := s.SaveInbounds(ctx, ins)
		must(t, err)
		for i, f := range fresh {
			if f != want {
				t.Fatalf("round %d: update %d fresh %v, want %v", round, i, f, want)
			}
		}
	}
	pending, err := s.PendingInbound(ctx)
	must(t, err)
	if len(pending) != 100 || pending[0].ID != 1000 || pending[99].ID != 1099 {
		t.Fatalf("%d pending, want 100 in ID order", len(pending))
	}
	for _, in := range pending {
		must(t, s.InboundDone(ctx, in.Source, in.ID))
	}
}
