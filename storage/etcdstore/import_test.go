package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestLargeImport: 300 unlocks (far over one transaction) are recorded
// whole, debiting once each; the same rows again change nothing; a batch
// whose last row is bad, or whose debits pass a balance, writes nothing.
func TestLargeImport(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var ps []conversations.Provider
	for i := range 60 {
		ps = append(ps, conversations.Provider{ID: fmt.Sprint("P", i), Name: "p", Phone: fmt.Sprintf("+9198765%05d", i), OpeningBalance: 1000})
	}
	must(t, s.UpsertProviders(ctx, ps, t0)) // 60 providers: chunked too
	rows := func(n int, coins int64) []conversations.Unlock {
		var us []conversations.Unlock
		for i := range n {
			us = append(us, conversations.Unlock{ProviderID: fmt.Sprint("P", i%60), LeadID: fmt.Sprint("L-", i), Coins: coins, UnlockedAt: t0, Category: "x"})
		}
		return us
	}
	bad := append(rows(300, 10), conversations.Unlock{ProviderID: "nobody", LeadID: "L-X", Coins: 1, UnlockedAt: t0, Category: "x"})
	if _, err := s.RecordUnlocks(ctx, bad); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("a batch with an unknown provider: %v", err)
	}
	broke := rows(300, 10)
	broke = append(broke, conversations.Unlock{ProviderID: "P0", LeadID: "L-BIG", Coins: 1000, UnlockedAt: t0, Category: "x"})
	if _, err := s.RecordUnlocks(ctx, broke); !errors.Is(err, conversations.ErrInsufficientFunds) {
		t.Fatalf("a batch over P0's balance: %v", err)
	}
	if us, _ := s.Unlocks(ctx, "P0"); len(us) != 0 {
		t.Fatalf("refused batches wrote %d unlocks of P0", len(us))
	}
	for round, want := range []int{300, 0} {
		n, err := s.RecordUnlocks(ctx, rows(300, 10))
		must(t, err)
		if n != want {
			t.Fatalf("round %d: %d new, want %d", round, n, want)
		}
	}
	for _, p := range []string{"P0", "P59"} {
		w, err := s.Wallet(ctx, p)
		must(t, err)
		if w.Balance != 950 || len(w.Entries) != 6 {
			t.Fatalf("%s: balance %d over %d entries, want 950 over 6", p, w.Balance, len(w.Entries))
		}
	}
}
