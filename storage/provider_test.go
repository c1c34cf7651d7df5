package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

func TestUpsertProviders(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	ps := []conversations.Provider{
		{ID: "P1", Name: "Asha", Phone: "098765 43210", OpeningBalance: 500},
		{ID: "P2", Name: "Ravi", Phone: "919876500002", Language: policy.LangHindi},
	}
	if err := db.UpsertProviders(ctx, ps, t0); err != nil {
		t.Fatal(err)
	}
	p, err := db.ProviderByPhone(ctx, "+91 98765 43210")
	if err != nil || p.ID != "P1" || p.Language != policy.LangEnglish || p.Phone != "+919876543210" {
		t.Fatalf("by phone: %+v %v", p, err)
	}
	if err := db.LinkTelegram(ctx, "P1", 42, t0); err != nil {
		t.Fatal(err)
	}
	// Re-upsert: a new name and phone, a different opening balance that must
	// be ignored, and the Telegram link kept.
	ps[0].Name, ps[0].Phone, ps[0].OpeningBalance = "Asha K", "+91 98765 43211", 9999
	if err := db.UpsertProviders(ctx, ps, t0); err != nil {
		t.Fatal(err)
	}
	p, err = db.ProviderByTelegram(ctx, 42)
	if err != nil || p.ID != "P1" || p.Name != "Asha K" || p.Phone != "+919876543211" {
		t.Fatalf("after re-upsert: %+v %v", p, err)
	}
	if _, err := db.ProviderByPhone(ctx, "+919876543210"); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("old phone still indexed: %v", err)
	}
	w, err := db.Wallet(ctx, "P1")
	if err != nil || w.Balance != 500 || len(w.Entries) != 1 || w.Entries[0].Key != "opening:P1" {
		t.Fatalf("wallet: %+v %v", w, err)
	}
	if w2, _ := db.Wallet(ctx, "P2"); w2.Balance != 0 || len(w2.Entries) != 0 {
		t.Fatalf("P2 wallet: %+v", w2)
	}
	// A phone already taken by another provider fails, naming both, and the
	// whole slice is rolled back.
	err = db.UpsertProviders(ctx, []conversations.Provider{{ID: "P3", Phone: "+911234567890"},
		{ID: "P4", Phone: "+91 98765 43211"}}, t0)
	if !errors.Is(err, conversations.ErrInvalid) || !strings.Contains(err.Error(), "P4") || !strings.Contains(err.Error(), "P1") {
		t.Fatalf("duplicate phone: %v", err)
	}
	if _, err := db.Provider(ctx, "P3"); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("P3 written by a failed upsert: %v", err)
	}
	for _, bad := range []conversations.Provider{{ID: "P5", Phone: "123"}, {ID: "", Phone: "+919876500005"},
		{ID: "P6", Phone: "+919876500006", Language: "fr"}} {
		if err := db.UpsertProviders(ctx, []conversations.Provider{bad}, t0); !errors.Is(err, conversations.ErrInvalid) {
			t.Errorf("upsert %+v: %v, want ErrInvalid", bad, err)
		}
	}
	mustClean(t, db)
}

func TestLinkTelegramMovesLinks(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 2, 0)
	must(t, db.LinkTelegram(ctx, "P1", 10, t0))
	must(t, db.LinkTelegram(ctx, "P1", 11, t0)) // P1 changes account: 10 unlinked
	if _, err := db.ProviderByTelegram(ctx, 10); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("old account still linked: %v", err)
	}
	must(t, db.LinkTelegram(ctx, "P2", 11, t0)) // account 11 moves to P2
	if p, _ := db.Provider(ctx, "P1"); p.TelegramUserID != 0 {
		t.Fatalf("P1 still linked to %d", p.TelegramUserID)
	}
	if p, err := db.ProviderByTelegram(ctx, 11); err != nil || p.ID != "P2" {
		t.Fatalf("by telegram: %+v %v", p, err)
	}
	if err := db.LinkTelegram(ctx, "nobody", 12, t0); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("unknown provider: %v", err)
	}
	must(t, db.SetLanguage(ctx, "P2", policy.LangHindi))
	if p, _ := db.Provider(ctx, "P2"); p.Language != policy.LangHindi {
		t.Fatalf("language %q", p.Language)
	}
	mustClean(t, db)
}

func TestRecordUnlocks(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	must(t, db.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Phone: "+919876500001", OpeningBalance: 250}}, t0))
	us := []conversations.Unlock{
		{ProviderID: "P1", LeadID: "ld-1", Coins: 100, UnlockedAt: t0, Category: "tutor"},
		{ProviderID: "P1", LeadID: "LD-2", Coins: 100, UnlockedAt: t0, Category: "tutor"},
	}
	n, err := db.RecordUnlocks(ctx, us)
	if err != nil || n != 2 {
		t.Fatalf("first import: %d, %v", n, err)
	}
	// The same file again changes nothing; a lead ID in another case is the same lead.
	us[0].LeadID = "LD-1"
	if n, err := db.RecordUnlocks(ctx, us); err != nil || n != 0 {
		t.Fatalf("second import: %d, %v", n, err)
	}
	// All or nothing: a good new unlock followed by one that overdraws.
	_, err = db.RecordUnlocks(ctx, []conversations.Unlock{
		{ProviderID: "P1", LeadID: "LD-3", Coins: 10, UnlockedAt: t0},
		{ProviderID: "P1", LeadID: "LD-4", Coins: 100, UnlockedAt: t0},
	})
	if !errors.Is(err, conversations.ErrInsufficientFunds) || !strings.Contains(err.Error(), "LD-4") || !strings.Contains(err.Error(), "P1") {
		t.Fatalf("overdraw: %v", err)
	}
	if _, err := db.Unlock(ctx, "P1", "ld-3"); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("LD-3 written by a failed import: %v", err)
	}
	if _, err := db.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P1", LeadID: "LD-1", Coins: 99, UnlockedAt: t0, Category: "tutor"}}); !errors.Is(err, conversations.ErrKeyConflict) {
		t.Fatalf("changed repeat: %v", err)
	}
	if _, err := db.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P9", LeadID: "X", Coins: 1, UnlockedAt: t0}}); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("unknown provider: %v", err)
	}
	w, _ := db.Wallet(ctx, "P1")
	if w.Balance != 50 || len(w.Entries) != 3 || w.Entries[1].Key != "unlock:LD-1" || w.Entries[1].Coins != -100 || w.Entries[1].Ref != "LD-1" {
		t.Fatalf("wallet: %+v", w)
	}
	if got, _ := db.UnlockByLead(ctx, "ld-2"); len(got) != 1 || got[0].ProviderID != "P1" {
		t.Fatalf("by lead: %+v", got)
	}
	if got, _ := db.Unlocks(ctx, "P1"); len(got) != 2 || got[0].LeadID != "LD-1" {
		t.Fatalf("unlocks: %+v", got)
	}
	mustClean(t, db)
}

func TestCreditIdempotency(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db, 1, 0)
	e := conversations.Entry{ProviderID: "P1", Kind: conversations.EntryAdjustment, Coins: 70, Ref: "goodwill", Key: "adj:1", At: t0}
	first, err := db.Credit(ctx, e)
	if err != nil || first.Balance != 70 || first.Seq == 0 {
		t.Fatalf("credit: %+v %v", first, err)
	}
	e.Ref, e.At = "other note", t0.Add(time.Hour)
	again, err := db.Credit(ctx, e)
	if err != nil || again != first {
		t.Fatalf("repeat: %+v %v, want the original %+v", again, err, first)
	}
	e.Coins = 71
	if _, err := db.Credit(ctx, e); !errors.Is(err, conversations.ErrKeyConflict) {
		t.Fatalf("same key, other amount: %v", err)
	}
	if _, err := db.Credit(ctx, conversations.Entry{ProviderID: "P1", Kind: conversations.EntryAdjustment, Coins: -71, Key: "adj:2"}); !errors.Is(err, conversations.ErrInsufficientFunds) {
		t.Fatalf("overdraw: %v", err)
	}
	if _, err := db.Credit(ctx, conversations.Entry{ProviderID: "P1", Kind: conversations.EntryRefund, Coins: 5, Key: "x"}); !errors.Is(err, conversations.ErrInvalid) {
		t.Fatalf("refund via Credit: %v", err)
	}
	if _, err := db.Credit(ctx, conversations.Entry{ProviderID: "nobody", Kind: conversations.EntryAdjustment, Coins: 5, Key: "x"}); !errors.Is(err, conversations.ErrNotFound) {
		t.Fatalf("unknown wallet: %v", err)
	}
	if w, _ := db.Wallet(ctx, "P1"); w.Balance != 70 || len(w.Entries) != 1 {
		t.Fatalf("wallet: %+v", w)
	}
	mustClean(t, db)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestStorageRefusesNonUTF8Keys: the edges check IDs first, but storage
// is the last line of defence. A key that is not UTF-8 would be stored
// while its JSON record reads back with U+FFFD, and verify would fail.
func TestStorageRefusesNonUTF8Keys(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	err := db.UpsertProviders(ctx, []conversations.Provider{{ID: "P-\xe9", Name: "Asha", Phone: "+919876543210"}}, t0)
	if !errors.Is(err, conversations.ErrInvalid) || !strings.Contains(err.Error(), "provider_id is not valid UTF-8") {
		t.Fatalf("non-UTF-8 provider ID: got %v", err)
	}
	err = db.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "Jos\xe9", Phone: "+919876543210"}}, t0)
	if !errors.Is(err, conversations.ErrInvalid) || !strings.Contains(err.Error(), "name is not valid UTF-8") {
		t.Fatalf("Latin-1 name: got %v", err)
	}
	if err := db.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "Asha", Phone: "+919876543210", OpeningBalance: 100}}, t0); err != nil {
		t.Fatal(err)
	}
	_, err = db.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P1", LeadID: "L-\xff", Coins: 10, UnlockedAt: t0}})
	if !errors.Is(err, conversations.ErrInvalid) || !strings.Contains(err.Error(), "lead_id is not valid UTF-8") {
		t.Fatalf("non-UTF-8 lead ID: got %v", err)
	}
	if _, err := db.Provider(ctx, "P-\xe9"); !errors.Is(err, conversations.ErrNotFound) {
		t.Errorf("the refused provider was stored: %v", err)
	}
	mustClean(t, db)
}
