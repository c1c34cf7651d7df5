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

// TestBatchedDecisionsRerun: decisions share group commits, and bbolt runs
// the other decisions of a group again when one fails. 60 approvals of 60
// cases go at once, each twice, mixed with approvals of 12 other cases
// whose outbox record is invalid (they fail after writing, so their group
// is rolled back and rerun): every good case is credited exactly once, the
// failing ones write nothing, and Verify is clean.
func TestBatchedDecisionsRerun(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const n, nBad = 60, 12
	seed(t, db, 1, n+nBad)
	ids := make([]string, n+nBad)
	for i := range ids {
		ids[i] = submit(t, db, "P1", leadOf(1, i+1)).ID
	}
	before, _ := db.Wallet(ctx, "P1")
	bad := func(c conversations.Case, _ int64) ([]conversations.OutboxMessage, error) {
		return []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply, CaseID: c.ID}}, nil
	}
	var calls []int
	for i := range n {
		calls = append(calls, i, i)
		if i%5 == 0 {
			calls = append(calls, n+i/5)
		}
	}
	errs := make([]error, len(calls))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for k, i := range calls {
		wg.Go(func() {
			<-start
			d := conversations.Decision{CaseID: ids[i], Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
				By: "U1", At: t0, Leads: map[string]policy.LeadDecision{leadOf(1, i+1): policy.LeadApproved}}
			if i >= n {
				d.Effects = bad
			}
			_, errs[k] = db.Decide(ctx, d)
		})
	}
	close(start)
	wg.Wait()
	won := map[int]int{}
	for k, i := range calls {
		switch err := errs[k]; {
		case i >= n && !errors.Is(err, conversations.ErrInvalid):
			t.Fatalf("invalid decision of %s: %v", ids[i], err)
		case i < n && err == nil:
			won[i]++
		case i < n && !errors.Is(err, conversations.ErrAlreadyDecided):
			t.Fatalf("decision of %s: %v", ids[i], err)
		}
	}
	after, _ := db.Wallet(ctx, "P1")
	if len(won) != n || after.Balance-before.Balance != 100*n || len(after.Entries)-len(before.Entries) != n {
		t.Fatalf("%d cases decided, balance +%d, %d new entries; want %d each credited once", len(won), after.Balance-before.Balance, len(after.Entries)-len(before.Entries), n)
	}
	for i, w := range won {
		if w != 1 {
			t.Fatalf("%s took effect %d times", ids[i], w)
		}
	}
	for _, id := range ids[n:] {
		if c, _ := db.Case(ctx, id); c.State != policy.StateOpen || c.Credited != 0 {
			t.Fatalf("a failed decision wrote %s: %+v", id, c)
		}
	}
	mustClean(t, db)
}
