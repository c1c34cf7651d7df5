package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestConcurrentDecisions: 50 goroutines decide one case at once (approve
// all by the same and by different agents, mixed with rejects). Exactly one
// takes effect, each approved lead is credited once, and every other caller
// is told who decided and when.
func TestConcurrentDecisions(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const rounds, workers = 6, 50
	seed(t, db, 1, 2*rounds)
	for r := 0; r < rounds; r++ {
		leads := []string{leadOf(1, 2*r+1), leadOf(1, 2*r+2)}
		c := submit(t, db, "P1", leads...)
		before, _ := db.Wallet(ctx, "P1")
		var wg sync.WaitGroup
		results := make([]error, workers)
		decisions := make([]conversations.Decision, workers)
		start := make(chan struct{})
		for i := 0; i < workers; i++ {
			d := conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, By: fmt.Sprintf("U%d", i%3),
				At: t0.Add(time.Duration(i) * time.Second)}
			if i%4 == 3 {
				d.To, d.RejectReason = policy.StateRejected, "duplicate"
			} else {
				d.To = policy.StateApproved
				d.Leads = map[string]policy.LeadDecision{leads[0]: policy.LeadApproved, leads[1]: policy.LeadApproved}
			}
			decisions[i] = d
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, results[i] = db.Decide(ctx, d)
			}()
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range results {
			if err == nil {
				if winner >= 0 {
					t.Fatalf("round %d: decisions %d and %d both took effect", r, winner, i)
				}
				winner = i
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no decision took effect: %v", r, results[0])
		}
		w := decisions[winner]
		for i, err := range results {
			var de *conversations.DecidedError
			if i == winner {
				continue
			}
			if !errors.As(err, &de) || !errors.Is(err, conversations.ErrAlreadyDecided) || de.By != w.By || !de.At.Equal(w.At) || de.State != w.To {
				t.Fatalf("round %d: loser %d got %v; winner %s at %s", r, i, err, w.By, w.At)
			}
		}
		after, _ := db.Wallet(ctx, "P1")
		wantCredits := 0
		if w.To == policy.StateApproved {
			wantCredits = 2
		}
		if got := len(after.Entries) - len(before.Entries); got != wantCredits || after.Balance-before.Balance != int64(100*wantCredits) {
			t.Fatalf("round %d: %d new entries, balance +%d; want %d credits", r, got, after.Balance-before.Balance, wantCredits)
		}
		got, _ := db.Case(ctx, c.ID)
		if len(got.History) != 2 || got.State != w.To {
			t.Fatalf("round %d: history %+v", r, got.History)
		}
	}
	mustClean(t, db)
}
