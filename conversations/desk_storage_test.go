package conversations_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// TestConcurrentApprovalsOnBolt: 50 concurrent approve clicks by two
// approvers on the real bbolt store credit every lead exactly once, for a
// one-approver case and a two-approver case; the losers get
// ErrAlreadyDecided or ErrSameApprover, never a second credit.
func TestConcurrentApprovalsOnBolt(t *testing.T) {
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		coins []int64
	}{{"one approver", []int64{100, 250}}, {"two approvers", []int64{300, 250}}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := storage.Open(filepath.Join(t.TempDir(), "r.db"), storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.UpsertProviders(ctx, []conversations.Provider{{ID: "P-1", Name: "Asha", Phone: "+919876543210", OpeningBalance: 1000}}, at); err != nil {
				t.Fatal(err)
			}
			var leads []string
			var total int64
			for i, c := range tc.coins {
				id := []string{"L-1", "L-2"}[i]
				leads, total = append(leads, id), total+c
				if _, err := db.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P-1", LeadID: id, Coins: c, UnlockedAt: at.Add(-72 * time.Hour), Category: "x"}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P-1", ChatID: 5001, Language: policy.LangEnglish,
				Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: at}); err != nil {
				t.Fatal(err)
			}
			desk := conversations.NewDesk(conversations.DeskOptions{Store: db, Policy: policy.Default(),
				Approvers: []string{"UA", "UB"}, SlackChannel: "C-DESK"})
			var wg sync.WaitGroup
			var mu sync.Mutex
			unexpected := []error{}
			for i := range 50 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := desk.ApproveAll(ctx, "RF-1", []string{"UA", "UB"}[i%2], at)
					if err != nil && !errors.Is(err, conversations.ErrAlreadyDecided) && !errors.Is(err, conversations.ErrSameApprover) {
						mu.Lock()
						unexpected = append(unexpected, err)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if len(unexpected) > 0 {
				t.Fatalf("unexpected errors: %v", unexpected)
			}
			c, err := db.Case(ctx, "RF-1")
			if err != nil {
				t.Fatal(err)
			}
			w, err := db.Wallet(ctx, "P-1")
			if err != nil {
				t.Fatal(err)
			}
			var refunds int
			var credited int64
			for _, e := range w.Entries {
				if e.Kind == conversations.EntryRefund {
					refunds++
					credited += e.Coins
				}
			}
			if c.State != policy.StateApproved || refunds != len(leads) || credited != total || w.Balance != 1000 {
				t.Errorf("state %s, %d refunds of %d coins, balance %d", c.State, refunds, credited, w.Balance)
			}
		})
	}
}
