package conversations

import (
	"reflect"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// TestDecideCaseIsPure: the same facts and decision give the same result
// every time, and the inputs are left as they were, so a store may run
// the function again (bbolt's Batch does) and a failed attempt leaves
// nothing behind.
func TestDecideCaseIsPure(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	facts := func() DecisionFacts {
		return DecisionFacts{
			Case: Case{ID: "RF-4", Seq: 4, ProviderID: "P1", ChatID: 7, State: policy.StatePendingSecond,
				Answers: map[string]string{"q": "a"},
				Leads: []CaseLead{{LeadID: "L-1", Coins: 300, Decision: policy.LeadPending},
					{LeadID: "L-2", Coins: 400, Decision: policy.LeadPending}},
				History:   []Transition{{To: policy.StateOpen, By: "P1", At: at}, {From: policy.StateOpen, To: policy.StatePendingSecond, By: "UA", At: at}},
				Approvals: []Approval{{By: "UA", At: at, Leads: []string{"L-1"}}}},
			Unlocks: map[string]Unlock{"L-1": {ProviderID: "P1", LeadID: "L-1", Coins: 300, OpenCase: "RF-4"},
				"L-2": {ProviderID: "P1", LeadID: "L-2", Coins: 400, OpenCase: "RF-4"}},
			Balance: 10,
		}
	}
	calls := 0
	d := Decision{CaseID: "RF-4", By: "UB", At: at.Add(time.Hour), Approve: &Approve{},
		Authority: &Authority{Approvers: []string{"UA", "UB"}, Policy: policy.Default()},
		Effects: func(c Case, balance int64) ([]OutboxMessage, error) {
			calls++
			return []OutboxMessage{{Transport: Telegram, Kind: OutTelegramReply, Recipient: "7", CaseID: c.ID}}, nil
		}}
	f := facts()
	first, err := DecideCase(f, d)
	if err != nil {
		t.Fatal(err)
	}
	if first.Case.State != policy.StatePartlyApproved || first.Case.Credited != 300 || first.Balance != 310 ||
		len(first.Entries) != 1 || first.Entries[0].Key != "refund:RF-4:L-1" || len(first.Unlocks) != 2 || len(first.Outbox) != 1 {
		t.Fatalf("second approval agreeing on L-1: %+v", first)
	}
	second, err := DecideCase(f, d)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) || calls != 2 {
		t.Fatalf("a second run differs:\n%+v\n%+v", first, second)
	}
	if !reflect.DeepEqual(f, facts()) || d.Approve.Leads != nil || d.Leads != nil || d.To != "" {
		t.Fatalf("the inputs changed: %+v %+v", f, d)
	}
}
