package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The field rules of policy (fields.go) at the CSV edge: each bad field is
// reported with its line and name, nothing is written, and the database
// stays clean for verify.

func TestImportNonUTF8ProviderIDNamesLineAndWritesNothing(t *testing.T) {
	e := newTestEnv(t)
	out, errs, code := e.importFile("providers", "providers.csv", "provider_id,name,phone\n"+
		"P-1,Ramesh,+91 98100 12345\n"+
		"P-\xe9,Jose,+91 98100 12346\n"+
		"P-3,Sunita,+91 98100 12347\n")
	if code != 1 || !strings.Contains(errs, "providers.csv:3: provider_id is not valid UTF-8") ||
		!strings.Contains(errs, "nothing written") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := e.run("wallet", "show", "P-1"); code != 1 || !strings.Contains(errs, "no provider P-1") {
		t.Errorf("P-1 was written beside a bad row: exit %d %s", code, errs)
	}
	// With --skip-bad the good rows go in; verify and a backup stay clean.
	if out, errs, code := e.importFile("providers", "providers.csv", "provider_id,name,phone\n"+
		"P-1,Ramesh,+91 98100 12345\n"+
		"P-\xe9,Jose,+91 98100 12346\n", "--skip-bad"); code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("--skip-bad: exit %d\n%s%s", code, out, errs)
	}
	if out := e.mustRun("verify"); !strings.Contains(out, "verify OK") {
		t.Errorf("verify: %s", out)
	}
	e.mustRun("backup", "--out", filepath.Join(e.dir, "backup.db"))
}

func TestImportRefusesBadFields(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	before := e.wallet("P-1")

	_, errs, code := e.importFile("providers", "more.csv", "provider_id,name,phone\n"+
		"P-5,Jos\xe9 Latin,+91 98300 11111\n"+
		"P.8/9,Asha,+91 98300 22222\n"+
		strings.Repeat("P", 33)+",Kiran,+91 98300 33333\n"+
		"P-6,"+strings.Repeat("n", 201)+",+91 98300 44444\n"+
		"P-7,\"Tab\tName\",+91 98300 55555\n")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"more.csv:2: name is not valid UTF-8",
		`more.csv:3: provider_id "P.8/9" may hold only letters, digits, - and _`,
		"more.csv:4: provider_id is longer than 32 characters",
		"more.csv:5: name is longer than 200 characters",
		"more.csv:6: name has a control character (U+0009)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}

	_, errs, code = e.importFile("unlocks", "unlocks.csv", "provider_id,lead_id,coins,unlocked_at,category\n"+
		"P-1,L.8/9,10,2026-01-10T10:00:00Z,Plumbing\n"+
		"P-1,"+strings.Repeat("L", 33)+",10,2026-01-10T10:00:00Z,Plumbing\n"+
		"P-1,L-1,10,2026-01-10T10:00:00Z,"+strings.Repeat("c", 65)+"\n"+
		"P-1,L-2,10,2026-01-10T10:00:00Z,Caf\xe9\n"+
		"P-1,"+strings.Repeat("L", 32)+",10,2026-01-10T10:00:00Z,Plumbing\n", "--skip-bad")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		`unlocks.csv:2: lead_id "L.8/9" may hold only letters, digits, - and _`,
		"unlocks.csv:3: lead_id is longer than 32 characters",
		"unlocks.csv:4: category is longer than 64 characters",
		"unlocks.csv:5: category is not valid UTF-8",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if w := e.wallet("P-1"); w.Balance != before.Balance-10 {
		t.Errorf("balance %d, want %d (only the 32-character lead imported)", w.Balance, before.Balance-10)
	}
	if out := e.mustRun("verify"); !strings.Contains(out, "verify OK") {
		t.Errorf("verify: %s", out)
	}
}

// A 30 MB name is refused by its length, and the message does not echo it.
func TestImportRefusesHugeName(t *testing.T) {
	e := newTestEnv(t)
	huge := strings.Repeat("x", 30<<20)
	_, errs, code := e.importFile("providers", "huge.csv", "provider_id,name,phone\nP-1,"+huge+",+91 98100 12345\n")
	if code != 1 || !strings.Contains(errs, "huge.csv:2: name is longer than 200 characters") || len(errs) > 1000 {
		t.Fatalf("exit %d, stderr of %d bytes: %.300s", code, len(errs), errs)
	}
}

// A quote that opens on line 3 and never closes swallows every line after
// it: even with --skip-bad the whole file fails, naming line 3, and
// nothing is written.
func TestImportOpenQuoteFailsWholeFile(t *testing.T) {
	e := newTestEnv(t)
	for _, extra := range [][]string{nil, {"--skip-bad"}} {
		out, errs, code := e.importFile("providers", "quote.csv", "provider_id,name,phone\n"+
			"P-1,Ramesh,+91 98100 12345\n"+
			"P-2,\"Sunita,+91 98200 23456\n"+
			"P-3,Asha,+91 98300 34567\n"+
			"P-4,Ravi,+91 98400 45678\n", extra...)
		if code != 1 || !strings.Contains(errs, "quote.csv: line 3: a quoted field opens here and is not closed") {
			t.Errorf("%v: exit %d\n%s%s", extra, code, out, errs)
		}
	}
	// Nothing written: not a row, not even an empty database.
	if _, errs, code := e.run("wallet", "show", "P-1"); code != 1 || !strings.Contains(errs, "there is no database at") {
		t.Errorf("a row was written from a file that failed: exit %d %s", code, errs)
	}
	// A quote that closes a line later swallows that line into one field:
	// the whole file fails too, naming both lines.
	_, errs, code := e.importFile("providers", "closed.csv", "provider_id,name,phone\n"+
		"P-1,Ramesh,+91 98100 12345\n"+
		"P-2,\"Sunita,+91 98200 23456\n"+
		"P-3,Asha\",+91 98300 34567\n", "--skip-bad")
	if code != 1 || !strings.Contains(errs, "closed.csv: line 3: a quoted field opens here and runs on to line 4") {
		t.Errorf("quote closed a line later: exit %d\n%s", code, errs)
	}
	// A stray quote inside one line spans no other line: that row alone is bad.
	out, errs, code := e.importFile("providers", "stray.csv", "provider_id,name,phone\n"+
		"P-1,Ram\"esh,+91 98100 12345\n"+
		"P-2,Sunita,+91 98200 23456\n", "--skip-bad")
	if code != 0 || !strings.Contains(errs, "stray.csv:2: cannot read the row") || !strings.Contains(out, "1 new") {
		t.Errorf("stray quote: exit %d\n%s%s", code, out, errs)
	}
	if w := e.wallet("P-2"); !reflect.DeepEqual(w.ProviderID, "P-2") {
		t.Errorf("P-2 not imported: %+v", w)
	}
}
