package storage

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// TestPreDecisionReusedOnlyWhileItsFactsHold: a decision's result worked
// out beside the writer is written only if the case, its unlocks and the
// wallet are as they were read. Here another approval of the same wallet
// commits in between (the balance moved), and another decision of the
// same case (it is final): the first is decided again on the committed
// state, the second refused; the ledger's running balances stay right.
func TestPreDecisionReusedOnlyWhileItsFactsHold(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 1, 3)
	var ids []string
	for j := 1; j <= 3; j++ {
		c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: pid(1), ChatID: 1, Language: policy.LangEnglish,
			Reason: policy.ReasonInvalidLead, LeadIDs: []string{leadOf(1, j)}, At: t0})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	// The provider's notice names the balance after the credit.
	approve := func(id string, j int) conversations.Decision {
		return conversations.Decision{CaseID: id, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
			By: "U1", At: t0, Leads: map[string]policy.LeadDecision{leadOf(1, j): policy.LeadApproved},
			Effects: func(c conversations.Case, balance int64) ([]conversations.OutboxMessage, error) {
				return []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
					Recipient: c.ID, CaseID: c.ID, Reply: &conversations.Reply{Text: strconv.FormatInt(balance, 10)}}}, nil
			}}
	}
	before, err := db.Wallet(ctx, pid(1))
	if err != nil {
		t.Fatal(err)
	}

	// The wallet moves between the read and the write.
	pre := db.preDecide(ctx, approve(ids[0], 1))
	if pre == nil {
		t.Fatal("no pre-decision for an approvable case")
	}
	if _, err := db.Decide(ctx, approve(ids[1], 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.decide(ctx, approve(ids[0], 1), pre); err != nil {
		t.Fatal(err)
	}
	w, err := db.Wallet(ctx, pid(1))
	if err != nil {
		t.Fatal(err)
	}
	if w.Balance != before.Balance+200 {
		t.Fatalf("balance %d, want %d", w.Balance, before.Balance+200)
	}
	due, err := db.DueOutbox(ctx, t0.Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	told := map[string]string{}
	for _, m := range due {
		told[m.CaseID] = m.Reply.Text
	}
	if want := strconv.FormatInt(w.Balance, 10); told[ids[0]] != want {
		t.Fatalf("%s's notice says balance %q, want %q (all told: %v)", ids[0], told[ids[0]], want, told)
	}
	mustClean(t, db) // each entry's Balance is the running sum

	// The case is decided between the read and the write.
	pre = db.preDecide(ctx, approve(ids[2], 3))
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: ids[2], Expect: []policy.State{policy.StateOpen},
		To: policy.StateRejected, By: "U2", At: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.decide(ctx, approve(ids[2], 3), pre); !errors.Is(err, conversations.ErrAlreadyDecided) {
		t.Fatalf("stale approval of a rejected case: %v, want ErrAlreadyDecided", err)
	}
	if w2, _ := db.Wallet(ctx, pid(1)); w2.Balance != w.Balance {
		t.Fatalf("balance %d after a refused approval, want %d", w2.Balance, w.Balance)
	}
	mustClean(t, db)
}
