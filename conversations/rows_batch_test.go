package conversations

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

func TestProviderBatch(t *testing.T) {
	ctx := t.Context()
	st := newMemStore()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := st.UpsertProviders(ctx, []Provider{
		{ID: "P-1", Name: "Asha", Phone: "+919810012345", Language: policy.LangHindi},
		{ID: "P-2", Name: "Ravi", Phone: "+919820023456", Language: policy.LangEnglish},
	}, at); err != nil {
		t.Fatal(err)
	}
	b := NewProviderBatch(st, testPhone, "index")
	for i, tc := range []struct {
		row   ProviderRow
		field string
		msg   string
	}{
		{ProviderRow{ProviderID: "P-1", Name: "Asha", Phone: "+91 98100 12345"}, "", ""}, // unchanged: empty language keeps hi
		{ProviderRow{ProviderID: "P-2", Name: "Ravi K", Phone: "+919820023456"}, "", ""}, // updated
		{ProviderRow{ProviderID: "P-3", Name: "Meera", Phone: "+919830034567"}, "", ""},  // new, language en
		{ProviderRow{ProviderID: "P-4", Name: "Kiran", Phone: "+919810012345"}, FieldPhone, "same as on index 0"},
		{ProviderRow{ProviderID: "P-3", Name: "Meera", Phone: "+919840045678"}, FieldProviderID, "first on index 2"},
		{ProviderRow{ProviderID: "P-5", Name: "Nia", Phone: "+919850000000", Language: "xx"}, FieldLanguage, "unknown language"},
	} {
		err := b.Add(ctx, i, tc.row)
		var re *RowError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("row %d: %v", i, err)
		case tc.field != "" && (!errors.As(err, &re) || re.Field != tc.field || !strings.Contains(re.Msg, tc.msg)):
			t.Errorf("row %d: got %v, want field %s with %q", i, err, tc.field, tc.msg)
		}
	}
	if b.RowCounts != (RowCounts{New: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("counts %+v, want 1 new, 1 updated, 1 unchanged", b.RowCounts)
	}
	ps := b.Providers()
	if len(ps) != 2 || ps[0].ID != "P-2" || ps[0].Language != policy.LangEnglish || ps[1].ID != "P-3" || ps[1].Language != policy.LangEnglish {
		t.Errorf("to write: %+v, want P-2 (kept en) and P-3 (new, en); the unchanged P-1 left out", ps)
	}

	// A phone already stored for another provider.
	b = NewProviderBatch(st, testPhone, "line")
	var re *RowError
	if err := b.Add(ctx, 7, ProviderRow{ProviderID: "P-9", Name: "X", Phone: "+919820023456"}); !errors.As(err, &re) ||
		re.Field != FieldPhone || re.Msg != "phone already belongs to provider P-2" {
		t.Errorf("got %v", err)
	}
	if len(b.Providers()) != 0 {
		t.Error("a bad row was queued")
	}
}

func TestUnlockBatch(t *testing.T) {
	ctx := t.Context()
	st := newMemStore()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	if err := st.UpsertProviders(ctx, []Provider{{ID: "P-1", Name: "A", Phone: "+919810012345", OpeningBalance: 300}}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordUnlocks(ctx, []Unlock{{ProviderID: "P-1", LeadID: "L-1", Coins: 100, UnlockedAt: now.Add(-time.Hour), Category: "C"}}); err != nil {
		t.Fatal(err)
	}
	when := now.Add(-time.Hour).Format(time.RFC3339)
	b := NewUnlockBatch(st, now, "line")
	for i, tc := range []struct {
		row   UnlockRow
		field string
		msg   string
	}{
		{UnlockRow{ProviderID: "P-1", LeadID: "l-1", Coins: "100", UnlockedAt: when, Category: "C"}, "", ""}, // unchanged
		{UnlockRow{ProviderID: "P-1", LeadID: "L-2", Coins: "150", UnlockedAt: when}, "", ""},                // 200 → 50
		{UnlockRow{ProviderID: "P-1", LeadID: "L-3", Coins: "51", UnlockedAt: when}, FieldCoins, "balance 50, this unlock costs 51"},
		{UnlockRow{ProviderID: "P-1", LeadID: "L-4", Coins: "50", UnlockedAt: when}, "", ""}, // exactly the rest
		{UnlockRow{ProviderID: "P-1", LeadID: "L-1", Coins: "90", UnlockedAt: when, Category: "C"}, FieldLeadID, "appears again (first on line 0)"},
		{UnlockRow{ProviderID: "P-2", LeadID: "L-5", Coins: "1", UnlockedAt: when}, FieldProviderID, "unknown provider P-2"},
	} {
		err := b.Add(ctx, i, tc.row)
		var re *RowError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("row %d: %v", i, err)
		case tc.field != "" && (!errors.As(err, &re) || re.Field != tc.field || !strings.Contains(re.Msg, tc.msg)):
			t.Errorf("row %d: got %v, want field %s with %q", i, err, tc.field, tc.msg)
		}
	}
	if b.RowCounts != (RowCounts{New: 2, Unchanged: 1}) {
		t.Errorf("counts %+v", b.RowCounts)
	}
	if us := b.Unlocks(); len(us) != 2 || us[0].LeadID != "L-2" || us[1].LeadID != "L-4" {
		t.Errorf("to write: %+v", us)
	}

	// The same lead recorded before with other coins is a conflict.
	b = NewUnlockBatch(st, now, "index")
	var re *RowError
	if err := b.Add(ctx, 0, UnlockRow{ProviderID: "P-1", LeadID: "L-1", Coins: "99", UnlockedAt: when, Category: "C"}); !errors.As(err, &re) ||
		re.Field != FieldLeadID || !strings.Contains(re.Msg, "recorded before with other data") {
		t.Errorf("got %v", err)
	}
}
