package bot_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

func TestAPIUnlocksDebitOnce(t *testing.T) {
	r := newAPIRig(t, apiToken)
	r.post("/api/v1/providers", apiProviders)
	if c, _, n := r.post("/api/v1/unlocks", apiUnlocks); c != 3 || n != 0 {
		t.Fatalf("first: created %d unchanged %d, want 3 0", c, n)
	}
	w1, w2 := r.wallet("P-1"), r.wallet("P-2")
	if w1.Balance != 1000-120-80 || w2.Balance != 0 {
		t.Errorf("balances %d %d, want 800 0", w1.Balance, w2.Balance)
	}
	if last := w1.Entries[len(w1.Entries)-1]; last.Kind != conversations.EntryUnlock || last.Ref != "L-2002" || last.Coins != -80 {
		t.Errorf("last entry %+v, want the debit of L-2002 (lead IDs upper-cased)", last)
	}
	if c, _, n := r.post("/api/v1/unlocks", apiUnlocks); c != 0 || n != 3 {
		t.Errorf("repeat: created %d unchanged %d, want 0 3", c, n)
	}
	if !reflect.DeepEqual(w1, r.wallet("P-1")) || !reflect.DeepEqual(w2, r.wallet("P-2")) {
		t.Error("a repeated POST changed a wallet")
	}
}

// TestAPIBadUnlockRowWritesNothing: the checks of the CSV import, each
// naming index and field; the good first row is not recorded.
func TestAPIBadUnlockRowWritesNothing(t *testing.T) {
	r := newAPIRig(t, apiToken)
	r.post("/api/v1/providers", apiProviders)
	r.post("/api/v1/unlocks", `[{"provider_id":"P-2","lead_id":"L-1","coins":200,"unlocked_at":"2026-01-10T10:00:00Z"}]`)
	good := `{"provider_id":"P-1","lead_id":"L-3001","coins":100,"unlocked_at":"2026-01-10T10:00:00Z"},`
	for _, tc := range []struct {
		name, row, field string
	}{
		{"insufficient funds", `{"provider_id":"P-2","lead_id":"L-2","coins":101,"unlocked_at":"2026-01-10T10:00:00Z"}`, "coins"},
		{"funds spent by an earlier row", `{"provider_id":"P-1","lead_id":"L-2","coins":901,"unlocked_at":"2026-01-10T10:00:00Z"}`, "coins"},
		{"recorded with other coins", `{"provider_id":"P-2","lead_id":"l-1","coins":150,"unlocked_at":"2026-01-10T10:00:00Z"}`, "lead_id"},
		{"lead twice", `{"provider_id":"P-1","lead_id":"l-3001","coins":100,"unlocked_at":"2026-01-10T10:00:00Z"}`, "lead_id"},
		{"unknown provider", `{"provider_id":"P-404","lead_id":"L-2","coins":1,"unlocked_at":"2026-01-10T10:00:00Z"}`, "provider_id"},
		{"zero coins", `{"provider_id":"P-1","lead_id":"L-2","coins":0,"unlocked_at":"2026-01-10T10:00:00Z"}`, "coins"},
		{"coins as a string", `{"provider_id":"P-1","lead_id":"L-2","coins":"10","unlocked_at":"2026-01-10T10:00:00Z"}`, "coins"},
		{"coins in exponent form", `{"provider_id":"P-1","lead_id":"L-2","coins":1e2,"unlocked_at":"2026-01-10T10:00:00Z"}`, "coins"},
		{"not RFC 3339", `{"provider_id":"P-1","lead_id":"L-2","coins":1,"unlocked_at":"10/01/2026"}`, "unlocked_at"},
		{"in the future", `{"provider_id":"P-1","lead_id":"L-2","coins":1,"unlocked_at":"2026-03-10T13:00:01Z"}`, "unlocked_at"},
		{"missing lead", `{"provider_id":"P-1","coins":1,"unlocked_at":"2026-01-10T10:00:00Z"}`, "lead_id"},
		{"lead with a dot and a slash", `{"provider_id":"P-1","lead_id":"L.8/9","coins":1,"unlocked_at":"2026-01-10T10:00:00Z"}`, "lead_id"},
		{"lead of 33 characters", `{"provider_id":"P-1","lead_id":"` + strings.Repeat("L", 33) + `","coins":1,"unlocked_at":"2026-01-10T10:00:00Z"}`, "lead_id"},
		{"category of 65 characters", `{"provider_id":"P-1","lead_id":"L-7","coins":1,"unlocked_at":"2026-01-10T10:00:00Z","category":"` + strings.Repeat("c", 65) + `"}`, "category"},
		{"unknown field", `{"provider_id":"P-1","lead_id":"L-2","coins":1,"unlocked_at":"2026-01-10T10:00:00Z","price":1}`, "price"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before1, before2 := r.wallet("P-1"), r.wallet("P-2")
			body := "[" + good + strings.Replace(good, "L-3001", "L-3000", 1) + tc.row + "]"
			r.badRow("/api/v1/unlocks", body, 2, tc.field)
			if !reflect.DeepEqual(before1, r.wallet("P-1")) || !reflect.DeepEqual(before2, r.wallet("P-2")) {
				t.Error("a body with a bad row changed a wallet")
			}
		})
	}
	// An hour of clock difference is tolerated, as in the CSV import.
	if c, _, _ := r.post("/api/v1/unlocks", `[{"provider_id":"P-1","lead_id":"L-9","coins":1,"unlocked_at":"2026-03-10T13:00:00Z"}]`); c != 1 {
		t.Errorf("unlock at now+1h: created %d, want 1", c)
	}
}
