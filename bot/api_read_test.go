package bot_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// sameJSON fails unless body is the JSON of want (compared as decoded
// values, so formatting does not matter) with exactly the keys keys.
func sameJSON(t *testing.T, body []byte, want any, keys ...string) {
	t.Helper()
	wantBytes, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got, exp map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	if err := json.Unmarshal(wantBytes, &exp); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("body\n%s\nwant\n%s", body, wantBytes)
	}
	var have []string
	for k := range got {
		have = append(have, k)
	}
	sort.Strings(have)
	sort.Strings(keys)
	if !reflect.DeepEqual(have, keys) {
		t.Errorf("keys %v, want DESIGN.md's %v", have, keys)
	}
}

// TestAPIDocumentsAreTheCLIDocuments: GET answers exactly
// conversations.WalletJSON / CaseJSON of the stored data, the functions
// `wallet show --json` and `case show --json` print.
func TestAPIDocumentsAreTheCLIDocuments(t *testing.T) {
	r := newAPIRig(t, apiToken)
	r.post("/api/v1/providers", apiProviders)
	r.post("/api/v1/unlocks", apiUnlocks)
	ctx := t.Context()
	c, err := r.db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P-1", Reason: policy.ReasonInvalidLead,
		LeadIDs: []string{"L-2001", "L-2002"}, At: apiNow})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen},
		To: policy.StatePartlyApproved, By: "U-AGENT", At: apiNow,
		Leads: map[string]policy.LeadDecision{"L-2001": policy.LeadApproved, "L-2002": policy.LeadRejected}})
	if err != nil {
		t.Fatal(err)
	}

	code, h, body := r.call("GET", "/api/v1/wallets/P-1", apiToken, "")
	if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("GET wallet: %d %s", code, body)
	}
	w := r.wallet("P-1")
	if w.Balance != 1000-120-80+120 || len(w.Entries) != 4 {
		t.Errorf("wallet after the refund: %+v", w)
	}
	sameJSON(t, body, conversations.WalletJSON(w), "provider_id", "balance", "entries")
	var doc conversations.WalletDoc
	if err := json.Unmarshal(body, &doc); err != nil || doc.Entries[3].Kind != conversations.EntryRefund || doc.Entries[3].Ref != c.ID {
		t.Errorf("last entry of %s: %+v", body, doc.Entries)
	}

	code, _, body = r.call("GET", "/api/v1/cases/"+c.ID, apiToken, "")
	if code != http.StatusOK {
		t.Fatalf("GET case: %d %s", code, body)
	}
	stored, err := r.db.Case(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, body, conversations.CaseJSON(stored), "case_id", "provider_id", "reason", "state", "leads", "history")
	var cd conversations.CaseDoc
	if err := json.Unmarshal(body, &cd); err != nil || cd.State != policy.StatePartlyApproved || len(cd.Leads) != 2 ||
		cd.Leads[0] != (conversations.CaseLeadDoc{LeadID: "L-2001", Coins: 120, Decision: policy.LeadApproved}) || len(cd.History) != 2 {
		t.Errorf("case document %s", body)
	}

	// A new provider's wallet has "entries": [], not null.
	if _, _, body := r.call("GET", "/api/v1/wallets/P-3", apiToken, ""); !strings.Contains(string(body), `"entries":[]`) {
		t.Errorf("empty wallet: %s", body)
	}
	r.fail("GET", "/api/v1/wallets/P-404", apiToken, "", http.StatusNotFound)
	r.fail("GET", "/api/v1/cases/RF-99", apiToken, "", http.StatusNotFound)
	r.fail("GET", "/api/v1/cases/nonsense", apiToken, "", http.StatusNotFound)
	r.fail("GET", "/api/v1/elsewhere", apiToken, "", http.StatusNotFound)
}

func TestAPIOffWithoutToken(t *testing.T) {
	r := newAPIRig(t, "")
	r.fail("POST", "/api/v1/providers", "anything", apiProviders, http.StatusNotFound)
	r.fail("GET", "/api/v1/wallets/P-1", "", "", http.StatusNotFound)
	if _, err := r.db.Provider(t.Context(), "P-1"); !errors.Is(err, conversations.ErrNotFound) {
		t.Errorf("the API is off but wrote a provider: %v", err)
	}
}

func TestAPIMethodsAndBodies(t *testing.T) {
	r := newAPIRig(t, apiToken)
	for _, tc := range []struct{ method, path, allow string }{
		{"GET", "/api/v1/providers", "POST"},
		{"PUT", "/api/v1/unlocks", "POST"},
		{"POST", "/api/v1/wallets/P-1", "GET, HEAD"},
		{"DELETE", "/api/v1/cases/RF-1", "GET, HEAD"},
	} {
		code, h, b := r.call(tc.method, tc.path, apiToken, "[]")
		if code != http.StatusMethodNotAllowed || h.Get("Allow") != tc.allow || !strings.Contains(string(b), `"error"`) {
			t.Errorf("%s %s: %d Allow %q %s", tc.method, tc.path, code, h.Get("Allow"), b)
		}
	}
	for _, body := range []string{``, `{}`, `[1]`, `[{"provider_id":"P-1"}`, `[] []`, `[{"provider_id":"P-1",}]`, `"x"`} {
		r.fail("POST", "/api/v1/providers", apiToken, body, http.StatusBadRequest)
	}
	if c, u, n := r.post("/api/v1/providers", `[]`); c+u+n != 0 {
		t.Errorf("empty array: %d %d %d", c, u, n)
	}

	// Just over the limit is 413 and writes nothing, even though the
	// rows themselves are good.
	var sb strings.Builder
	sb.WriteString(`[{"provider_id":"P-1","name":"A","phone":"+91 98100 12345"}`)
	for sb.Len() <= bot.MaxAPIBody {
		sb.WriteString(`,{"provider_id":"P-1","name":"` + strings.Repeat("x", 1000) + `","phone":"+91 98100 12345"}`)
	}
	sb.WriteString("]")
	r.fail("POST", "/api/v1/providers", apiToken, sb.String(), http.StatusRequestEntityTooLarge)
	if _, err := r.db.Provider(t.Context(), "P-1"); err == nil {
		t.Error("an oversized body wrote a provider")
	}
}

// TestAPIConcurrentDebitsNeverOverdraw: concurrent requests each fitting
// the balance alone but not together: exactly as many succeed as the
// wallet pays for, the rest are 400 on "coins", the balance never goes
// negative and the ledger sums up.
func TestAPIConcurrentDebitsNeverOverdraw(t *testing.T) {
	r := newAPIRig(t, apiToken)
	r.post("/api/v1/providers", `[{"provider_id":"P-1","name":"A","phone":"+91 98100 12345","opening_balance":500}]`)
	const n = 12 // each costs 100: 5 fit
	var wg sync.WaitGroup
	codes := make([]int, n)
	bodies := make([][]byte, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`[{"provider_id":"P-1","lead_id":"L-%d","coins":100,"unlocked_at":"2026-01-10T10:00:00Z"}]`, i)
			codes[i], _, bodies[i] = r.call("POST", "/api/v1/unlocks", apiToken, body)
		}()
	}
	wg.Wait()
	ok := 0
	for i, code := range codes {
		switch {
		case code == http.StatusOK:
			ok++
		case code == http.StatusBadRequest && strings.Contains(string(bodies[i]), `"field":"coins"`):
		default:
			t.Errorf("request %d: %d %s", i, code, bodies[i])
		}
	}
	w := r.wallet("P-1")
	var sum int64
	for _, e := range w.Entries {
		sum += e.Coins
	}
	if ok != 5 || w.Balance != 0 || sum != 0 || len(w.Entries) != 6 {
		t.Errorf("%d succeeded, balance %d, entries sum %d, %d entries; want 5, 0, 0, 6", ok, w.Balance, sum, len(w.Entries))
	}
}
