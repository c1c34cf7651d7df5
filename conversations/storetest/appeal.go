package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// AppealStore is what TestAppeal drives: the money path with appeals.
type AppealStore interface {
	UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error
	RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error)
	SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error)
	Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error)
	Case(ctx context.Context, id string) (conversations.Case, error)
	Unlock(ctx context.Context, providerID, leadID string) (conversations.Unlock, error)
	Wallet(ctx context.Context, providerID string) (conversations.Wallet, error)
	SaveInbound(ctx context.Context, in conversations.Inbound) (bool, error)
	InboundDone(ctx context.Context, source conversations.Transport, id int64) error
	conversations.AppealStore
}

// TestAppeal is the appeal contract, for a fresh empty store: an appeal
// of a partly approved case holds its refused lead, reserved again; ten
// concurrent appeals make exactly one; approving the appeal credits the
// lead once, under the appeal's key; another provider's appeal is not
// found.
func TestAppeal(t *testing.T, db AppealStore) {
	t.Helper()
	ctx := context.Background()
	if err := db.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 1000}}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordUnlocks(ctx, []conversations.Unlock{
		{ProviderID: "P1", LeadID: "L1-1", Coins: 100, UnlockedAt: t0, Category: "c"},
		{ProviderID: "P1", LeadID: "L1-2", Coins: 100, UnlockedAt: t0, Category: "c"}}); err != nil {
		t.Fatal(err)
	}
	orig, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", ChatID: 1, Reason: policy.ReasonInvalidLead,
		LeadIDs: []string{"L1-1", "L1-2"}, At: t0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, conversations.Decision{CaseID: orig.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StatePartlyApproved, By: "U1", At: t0,
		Leads: map[string]policy.LeadDecision{"L1-1": policy.LeadApproved, "L1-2": policy.LeadRejected}}); err != nil {
		t.Fatal(err)
	}
	// An appeal from an update already handled (a second handling of it)
	// makes nothing.
	if _, err := db.SaveInbound(ctx, conversations.Inbound{Source: conversations.Telegram, ID: 901, ChatID: 1, Raw: []byte(`{"update_id":901}`), Received: t0}); err != nil {
		t.Fatal(err)
	}
	if err := db.InboundDone(ctx, conversations.Telegram, 901); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SubmitAppeal(ctx, conversations.NewAppeal{Of: orig.ID, ProviderID: "P1", ChatID: 1, At: t0,
		Evidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "I disagree", At: t0}}, Policy: policy.Default(),
		Inbound: &conversations.InboundRef{Source: conversations.Telegram, ID: 901}}); !errors.Is(err, conversations.ErrInboundHandled) {
		t.Fatalf("an appeal from a handled update: %v, want ErrInboundHandled", err)
	}
	var wg sync.WaitGroup
	made := make(chan conversations.Case, 10)
	refused := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			c, err := db.SubmitAppeal(ctx, conversations.NewAppeal{Of: orig.ID, ProviderID: "P1", ChatID: 1, At: t0,
				Evidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "I disagree", At: t0}}, Policy: policy.Default(),
				Effects: func(a conversations.Case) ([]conversations.OutboxMessage, error) {
					return []conversations.OutboxMessage{{Transport: conversations.Slack, Kind: conversations.OutSlackCard, Recipient: "C", CaseID: a.ID}}, nil
				}})
			if err != nil {
				refused <- err
				return
			}
			made <- c
		})
	}
	wg.Wait()
	close(made)
	close(refused)
	if len(made) != 1 {
		t.Fatalf("%d appeals made, want 1", len(made))
	}
	for err := range refused {
		var ae *conversations.AppealError
		if !errors.As(err, &ae) || ae.Message.Key != policy.KeyAppealAlready {
			t.Errorf("second appeal: %v, want the already-appealed refusal", err)
		}
	}
	a := <-made
	if a.AppealOf != orig.ID || len(a.Leads) != 1 || a.Leads[0].LeadID != "L1-2" || a.State != policy.StateOpen {
		t.Fatalf("appeal = %+v", a)
	}
	if o, _ := db.Case(ctx, orig.ID); o.AppealedIn != a.ID {
		t.Errorf("original's AppealedIn = %q, want %s", o.AppealedIn, a.ID)
	}
	if u, _ := db.Unlock(ctx, "P1", "L1-2"); u.OpenCase != a.ID {
		t.Errorf("L1-2 reserved by %q, want %s", u.OpenCase, a.ID)
	}
	if doc := conversations.CaseJSON(a); doc.AppealOf != orig.ID {
		t.Errorf("case JSON appeal_of = %q", doc.AppealOf)
	}
	before, _ := db.Wallet(ctx, "P1")
	for range 3 {
		_, _ = db.Decide(ctx, conversations.Decision{CaseID: a.ID, Expect: []policy.State{policy.StateOpen},
			To: policy.StateApproved, By: "U1", At: t0, Leads: map[string]policy.LeadDecision{"L1-2": policy.LeadApproved}})
	}
	after, _ := db.Wallet(ctx, "P1")
	if after.Balance-before.Balance != 100 {
		t.Errorf("appeal credited %d, want 100 once", after.Balance-before.Balance)
	}
	if last := after.Entries[len(after.Entries)-1]; last.Key != "refund:"+a.ID+":L1-2" {
		t.Errorf("credit key %q", last.Key)
	}
	// Someone else's case is not found; nothing is written.
	if _, err := db.SubmitAppeal(ctx, conversations.NewAppeal{Of: orig.ID, ProviderID: "P2", At: t0}); !errors.Is(err, conversations.ErrNotFound) {
		t.Errorf("another provider's appeal: %v", err)
	}
}
