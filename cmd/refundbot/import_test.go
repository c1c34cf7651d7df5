package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

const providersCSV = `provider_id,name,phone,language,opening_balance
P-1,Ramesh Kumar,+91 98100 12345,en,1000
P-2,Sunita Sharma,98200 23456,hi,300
`

const unlocksCSV = `provider_id,lead_id,coins,unlocked_at,category
P-1,L-2001,120,2026-01-10T10:00:00+05:30,Plumbing
P-1,l-2002,80,2026-01-11T09:30:00Z,Plumbing
P-2,L-2003,300,2026-01-12T12:00:00+05:30,House Cleaning
`

func (e *testEnv) importFile(kind, name, content string, extra ...string) (string, string, int) {
	e.t.Helper()
	path := writeFile(e.t, e.dir, name, content)
	return e.run(append([]string{"import", kind, path}, extra...)...)
}

func TestImportGivesBalancesAndIsIdempotent(t *testing.T) {
	e := newTestEnv(t)
	out, errs, code := e.importFile("providers", "providers.csv", providersCSV)
	if code != 0 || !strings.Contains(out, "2 new, 0 updated, 0 unchanged") {
		t.Fatalf("import providers: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = e.importFile("unlocks", "unlocks.csv", unlocksCSV)
	if code != 0 || !strings.Contains(out, "3 new, 0 updated, 0 unchanged") {
		t.Fatalf("import unlocks: exit %d\n%s%s", code, out, errs)
	}

	w := e.wallet("P-1")
	if w.ProviderID != "P-1" || w.Balance != 1000-120-80 {
		t.Errorf("P-1 balance %d, want %d", w.Balance, 1000-120-80)
	}
	var kinds []string
	var sum int64
	for _, en := range w.Entries {
		kinds = append(kinds, string(en.Kind)+":"+en.Ref)
		sum += en.Coins
	}
	// Oldest first, like a statement: the unlocks of January, then the
	// opening balance recorded at the import.
	if want := []string{"unlock:L-2001", "unlock:L-2002", "opening:opening balance"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("entries %v, want %v", kinds, want)
	}
	if sum != w.Balance {
		t.Errorf("entries sum to %d, balance is %d", sum, w.Balance)
	}
	if w2 := e.wallet("P-2"); w2.Balance != 0 {
		t.Errorf("P-2 balance %d, want 0 (spent all 300)", w2.Balance)
	}

	// The same files again change nothing.
	before1, before2 := e.wallet("P-1"), e.wallet("P-2")
	if out, _, _ := e.importFile("providers", "providers.csv", providersCSV); !strings.Contains(out, "0 new, 0 updated, 2 unchanged") {
		t.Errorf("second providers import: %s", out)
	}
	if out, _, _ := e.importFile("unlocks", "unlocks.csv", unlocksCSV); !strings.Contains(out, "0 new, 0 updated, 3 unchanged") {
		t.Errorf("second unlocks import: %s", out)
	}
	if !reflect.DeepEqual(before1, e.wallet("P-1")) || !reflect.DeepEqual(before2, e.wallet("P-2")) {
		t.Error("a repeated import changed a wallet")
	}

	// A changed name is an update; the opening balance is not applied again.
	changed := strings.Replace(providersCSV, "Ramesh Kumar", "Ramesh K.", 1)
	if out, _, _ := e.importFile("providers", "providers.csv", changed); !strings.Contains(out, "0 new, 1 updated, 1 unchanged") {
		t.Errorf("changed providers import: %s", out)
	}
	if w := e.wallet("P-1"); w.Balance != before1.Balance {
		t.Errorf("balance %d after re-import, want %d", w.Balance, before1.Balance)
	}
	if out := e.mustRun("verify"); !strings.Contains(out, "verify OK") {
		t.Errorf("verify: %s", out)
	}
}

// badUnlocks has two good rows (lines 2 and 5) and a bad row of every kind.
const badUnlocks = `provider_id,lead_id,coins,unlocked_at,category
P-1,L-3001,100,2026-01-10T10:00:00+05:30,Plumbing
P-1,L-3002,-5,2026-01-10T10:00:00+05:30,Plumbing
P-1,L-3003,50,10/01/2026,Plumbing
P-2,L-3004,40,2026-01-10T10:00:00Z,Carpentry
P-1,,40,2026-01-10T10:00:00Z,Carpentry
P-9,L-3005,40,2026-01-10T10:00:00Z,Carpentry
P-1,l-3001,100,2026-01-10T10:00:00+05:30,Plumbing
P-2,L-3006,500,2026-01-10T10:00:00Z,AC Repair
P-1,L-3007,10,2026-01-10T10:00:00Z
P-1,L-3008,ten,2026-01-10T10:00:00Z,Plumbing
P-1,L-3009,10,2999-01-10T10:00:00Z,Plumbing
`

func badUnlockLines() []string {
	return []string{
		"unlocks.csv:3: coins must be positive, got -5",
		`unlocks.csv:4: unlocked_at "10/01/2026" is not an RFC 3339 time`,
		"unlocks.csv:6: lead_id is empty",
		"unlocks.csv:7: unknown provider P-9 (import providers first)",
		"unlocks.csv:8: lead L-3001 of provider P-1 appears again (first on line 2)",
		"unlocks.csv:9: the wallet of P-2 would go negative: balance 260, this unlock costs 500",
		"unlocks.csv:10: has 4 fields, the header has 5",
		`unlocks.csv:11: coins "ten" is not a whole number`,
		"unlocks.csv:12: unlocked_at 2999-01-10T10:00:00Z is in the future",
	}
}

func TestImportBadRowsWriteNothing(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	before1, before2 := e.wallet("P-1"), e.wallet("P-2")
	out, errs, code := e.importFile("unlocks", "unlocks.csv", badUnlocks)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errs)
	}
	for _, want := range append(badUnlockLines(), "9 bad row(s); nothing written (fix them, or use --skip-bad to import the 2 good row(s))") {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !reflect.DeepEqual(before1, e.wallet("P-1")) || !reflect.DeepEqual(before2, e.wallet("P-2")) {
		t.Error("a file with bad rows changed a wallet")
	}
}

func TestImportSkipBadWritesOnlyGoodRows(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	out, errs, code := e.importFile("unlocks", "unlocks.csv", badUnlocks, "--skip-bad")
	if code != 0 || !strings.Contains(out, "2 new, 0 updated, 0 unchanged, 9 bad row(s) skipped") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range badUnlockLines() {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if w := e.wallet("P-1"); w.Balance != 900 {
		t.Errorf("P-1 balance %d, want 900", w.Balance)
	}
	if w := e.wallet("P-2"); w.Balance != 260 {
		t.Errorf("P-2 balance %d, want 260", w.Balance)
	}
	if out := e.mustRun("verify"); !strings.Contains(out, "verify OK") {
		t.Errorf("verify: %s", out)
	}
}

func TestImportUnlockConflictingWithRecorded(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	e.importFile("unlocks", "unlocks.csv", unlocksCSV)
	changed := strings.Replace(unlocksCSV, "P-1,L-2001,120", "P-1,L-2001,150", 1)
	_, errs, code := e.importFile("unlocks", "unlocks.csv", changed)
	if code != 1 || !strings.Contains(errs, "unlocks.csv:2: lead L-2001 of P-1 was recorded before with other data (120 coins") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}

func TestImportProvidersBadRows(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	_, errs, code := e.importFile("providers", "more.csv", `name,provider_id,phone,opening_balance,language
Asha,P-3,12345,0,en
Vikram,P-4,+91 98300 11111,-10,en
Meera,P-5,+91 98300 22222,0,fr
,P-6,+91 98300 33333,0,en
Kiran,P-7,+91 98100 12345,0,hi
Ravi,P-8,+91 98300 44444,0,hi
Ravi again,P-8,+91 98300 55555,0,hi
`)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		`more.csv:2: bad phone "12345"`,
		`more.csv:3: opening_balance "-10" must be a whole number of coins, 0 or more`,
		`more.csv:4: unknown language "fr"`,
		"more.csv:5: name is empty",
		"more.csv:6: phone already belongs to provider P-1",
		"more.csv:8: provider_id P-8 appears again (first on line 7)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, errs, code := e.run("wallet", "show", "P-8"); code != 1 || !strings.Contains(errs, "no provider P-8") {
		t.Errorf("P-8 was written despite bad rows: exit %d %s", code, errs)
	}
}

func TestImportHeaderErrors(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct{ csv, want string }{
		{"provider_id,name,language\nP-1,A,en\n", `missing column "phone"`},
		{"provider_id,name,phone,phon\n", `unknown column "phon"`},
		{"", "the file is empty"},
	} {
		if _, errs, code := e.importFile("providers", "h.csv", tc.csv); code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %s", tc.csv, code, errs)
		}
	}
}

// TestImportKeepsLanguageWhenEmpty: a provider who chose Hindi in the bot
// keeps it when the platform's CSV leaves language empty.
func TestImportKeepsLanguageWhenEmpty(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "p.csv", providersCSV)
	out, _, _ := e.importFile("providers", "p2.csv", "provider_id,name,phone\nP-2,Sunita Sharma,98200 23456\n")
	if !strings.Contains(out, "0 new, 0 updated, 1 unchanged") {
		t.Errorf("got %s", out)
	}
	cfg, _, err := app.LoadConfig(e.cfg, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(t.Context(), cfg, app.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if p, err := a.Store.Provider(t.Context(), "P-2"); err != nil || p.Language != "hi" {
		t.Errorf("P-2 = %+v, %v; want language hi", p, err)
	}
}

func TestImportFromStandardInput(t *testing.T) {
	e := newTestEnv(t)
	var out, errb bytes.Buffer
	err := run(t.Context(), []string{"import", "providers", "-", "--config", e.cfg}, envOf(nil),
		strings.NewReader(providersCSV), &out, &errb)
	if err != nil || !strings.Contains(out.String(), "stdin: 2 new") {
		t.Fatalf("err %v, stdout %q, stderr %q", err, out.String(), errb.String())
	}
	if w := e.wallet("P-2"); w.Balance != 300 {
		t.Errorf("P-2 balance %d, want 300", w.Balance)
	}
}
