package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// An import that writes nothing leaves no database behind, not even an
// empty one; one that writes keeps it.
func TestImportThatWritesNothingCreatesNoDatabase(t *testing.T) {
	e := newTestEnv(t)
	if _, errs, code := e.importFile("unlocks", "u.csv", unlocksCSV); code != 1 || !strings.Contains(errs, "nothing written") {
		t.Fatalf("unlocks before providers: exit %d\n%s", code, errs)
	}
	if _, errs, code := e.importFile("providers", "empty.csv", "provider_id,name,phone,language,opening_balance\n"); code != 0 {
		t.Fatalf("a header-only file: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "data")); !os.IsNotExist(err) {
		t.Fatalf("imports that wrote nothing left %s behind (%v)", filepath.Join(e.dir, "data"), err)
	}
	if _, errs, code := e.importFile("providers", "p.csv", providersCSV); code != 0 {
		t.Fatalf("providers: exit %d\n%s", code, errs)
	}
	// A failed import into an existing database keeps the database.
	e.importFile("unlocks", "bad.csv", "provider_id,lead_id,coins,unlocked_at,category\nP-9,L-1,5,2026-01-01T00:00:00Z,x\n")
	if _, err := os.Stat(e.dbPath()); err != nil {
		t.Fatalf("the database is gone after a failed import: %v", err)
	}
}

// wallet show, as text and --json, lists entries oldest first by when
// they happened, like a statement: unlocks dated before the import come
// before the opening balance recorded at the import.
func TestWalletShowIsOldestFirst(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "p.csv", providersCSV)
	e.importFile("unlocks", "u.csv", unlocksCSV)
	w := e.wallet("P-1")
	var refs []string
	for _, en := range w.Entries {
		refs = append(refs, en.Ref)
	}
	if got := strings.Join(refs, ","); got != "L-2001,L-2002,opening balance" {
		t.Errorf("--json entries %s, want L-2001,L-2002,opening balance (oldest first)", got)
	}
	for i := 1; i < len(w.Entries); i++ {
		if w.Entries[i].At.Before(w.Entries[i-1].At) {
			t.Errorf("--json entry %d at %s is older than the one before it", i, w.Entries[i].At)
		}
	}
	out := e.mustRun("wallet", "show", "P-1")
	i1, i2, io := strings.Index(out, "L-2001"), strings.Index(out, "L-2002"), strings.Index(out, "opening balance")
	if i1 < 0 || i2 < i1 || io < i2 {
		t.Errorf("the table is not oldest first:\n%s", out)
	}
	if !strings.Contains(out, "2026-01-10 10:00 IST") || !strings.Contains(out, "running total") {
		t.Errorf("the table lacks the time in the configured zone or the note on the running total:\n%s", out)
	}
}

// case show of a missing case says which cases exist.
func TestCaseShowMissingNamesTheCasesThatExist(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "p.csv", providersCSV)
	e.importFile("unlocks", "u.csv", unlocksCSV)
	if _, errs, code := e.run("case", "show", "RF-1"); code != 1 || !strings.Contains(errs, "no case RF-1: there are no cases in") {
		t.Errorf("no cases yet: exit %d, stderr %q", code, errs)
	}
	db, err := storage.Open(e.dbPath(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)
	for _, lead := range []string{"L-2001", "L-2002"} {
		if _, err := db.SubmitCase(context.Background(), conversations.NewCase{ProviderID: "P-1", ChatID: 1, Language: policy.LangEnglish,
			Reason: policy.ReasonInvalidLead, LeadIDs: []string{lead}, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for _, tc := range []struct{ id, want string }{
		{"RF-99", "no case RF-99: the cases here run from RF-1 to RF-2 (the newest)"},
		{"RF2", "no case RF2; did you mean RF-2?"},
		{"L-2001", "no case L-2001: the cases here run from RF-1 to RF-2 (the newest)"},
	} {
		if _, errs, code := e.run("case", "show", tc.id); code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("case show %s: exit %d, stderr %q; want %q", tc.id, code, errs, tc.want)
		}
	}
}

// jobs run with an unknown name lists the jobs before it looks for the
// database, and creates none; a job's log lines carry the configured zone.
func TestJobsRunUnknownAndLogZone(t *testing.T) {
	e := newTestEnv(t)
	_, errs, code := e.run("jobs", "run", "bakup")
	if code != 1 || !strings.Contains(errs, `no job "bakup"; did you mean "backup"? The jobs are: sla-reminder, draft-expiry,`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, "database") {
		t.Errorf("an unknown job talked about the database: %q", errs)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "data")); !os.IsNotExist(err) {
		t.Errorf("jobs run of an unknown job created %s", filepath.Join(e.dir, "data"))
	}

	e.importFile("providers", "p.csv", providersCSV)
	cfg := writeFile(t, e.dir, "info.yaml", strings.Replace(mustRead(t, e.cfg), "log: {level: warn}", "log: {level: info}", 1))
	_, errs, code = runArgs(t, nil, "jobs", "run", "backup", "--config", cfg)
	if code != 0 || !strings.Contains(errs, `msg="backup written"`) {
		t.Fatalf("jobs run backup: exit %d\n%s", code, errs)
	}
	for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
		if !strings.Contains(line, "+05:30") || strings.Contains(line, "Z ") {
			t.Errorf("a log line not in the configured zone (Asia/Kolkata): %s", line)
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
