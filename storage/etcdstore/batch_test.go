package etcdstore

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
)

// TestGroupsInFlight: many concurrent steps and credits from two stores
// on one prefix (two replicas), so that each store's batches are cut into
// several Txns in flight at once, all advancing the outbox sequence and
// one wallet, and each store's cache goes stale by the other's writes.
// Every step commits with its messages under distinct IDs 1..n, every
// credit is applied once (a repeated key replays), and the store verifies.
func TestGroupsInFlight(t *testing.T) {
	ctx := context.Background()
	a := openClean(t)
	b, err := Open(ctx, Options{Client: sharedCli, Prefix: a.prefix,
		NormalizePhone: func(raw string) (string, error) { return storage.NormalizePhone(raw, "IN") }})
	must(t, err)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	must(t, a.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "p", Phone: "+919876500001", OpeningBalance: 1000}}, at))

	const chats, msgs, credits = 240, 3, 120
	var wg sync.WaitGroup
	errs := make(chan error, chats*2+credits)
	for i := range chats {
		st := []*Store{a, b}[i%2]
		wg.Go(func() {
			for round := range 2 { // the second step reads the first's session
				ss := conversations.Session{ChatID: int64(i), Step: "idle", Nonce: uint32(round + 1), UpdatedAt: at}
				var out []conversations.OutboxMessage
				for j := range msgs {
					out = append(out, conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
						Recipient: fmt.Sprint(i), Text: fmt.Sprintf("%d/%d/%d", i, round, j)})
				}
				read := &conversations.SessionRead{Existed: round > 0, Nonce: uint32(round)}
				errs <- st.SaveStep(ctx, conversations.Step{Session: ss, Outbox: out, Read: read,
					Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: int64(i*10 + round)}})
			}
		})
	}
	for i := range credits {
		st := []*Store{b, a}[i%2]
		wg.Go(func() {
			// Keys repeat in pairs: each pair credits once.
			_, err := st.Credit(ctx, conversations.Entry{ProviderID: "P1", Kind: conversations.EntryAdjustment, Coins: 1,
				Key: fmt.Sprint("k", i/2), Ref: "test", At: at})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}

	pending, err := a.pending(ctx)
	must(t, err)
	if want := chats * 2 * msgs; len(pending) != want {
		t.Fatalf("%d messages pending, want %d", len(pending), want)
	}
	seen := map[uint64]string{}
	texts := map[string]bool{}
	for _, m := range pending {
		if other, dup := seen[m.ID]; dup {
			t.Fatalf("ID %d given to %q and %q", m.ID, other, m.Text)
		}
		seen[m.ID] = m.Text
		texts[m.Text] = true
		if m.ID < 1 || m.ID > uint64(len(pending)) {
			t.Errorf("ID %d outside 1..%d: the sequence skipped or lost a number", m.ID, len(pending))
		}
	}
	if len(texts) != len(pending) {
		t.Fatalf("%d distinct texts of %d messages", len(texts), len(pending))
	}
	for i := range chats {
		ss, ok, err := b.Session(ctx, int64(i))
		must(t, err)
		if !ok || ss.Nonce != 2 {
			t.Fatalf("chat %d: session %+v (%v), want the second step's", i, ss, ok)
		}
	}
	w, err := b.Wallet(ctx, "P1")
	must(t, err)
	if want := int64(1000 + credits/2); w.Balance != want || len(w.Entries) != 1+credits/2 {
		t.Fatalf("wallet: balance %d over %d entries, want %d over %d", w.Balance, len(w.Entries), want, 1+credits/2)
	}
	c := a.Counts()
	t.Logf("store a: %+v", c)
	if c.Txns >= c.Calls {
		t.Errorf("store a: %d Txns for %d calls: no group commit", c.Txns, c.Calls)
	}
}
