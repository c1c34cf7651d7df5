package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/storage"
)

// TestDemoThenCaseShow runs the demo on a kept data directory and reads
// its case back, as JSON and as a table.
func TestDemoThenCaseShow(t *testing.T) {
	e := newTestEnv(t)
	data := filepath.Dir(e.dbPath())
	out, errs, code := runArgs(t, nil, "demo", "--data", data, "--addr", "127.0.0.1:0")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"Imported sample providers.csv: 3 new", "Imported sample unlocks.csv: 7 new",
		"P-1002  Sunita Sharma", "Submitted RF-1", "New balance of P-1001: 1070 coins (credited 120)", "Not built yet"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}

	var c caseJSON
	if err := json.Unmarshal([]byte(e.mustRun("case", "show", "RF-1", "--json")), &c); err != nil {
		t.Fatal(err)
	}
	if c.CaseID != "RF-1" || c.ProviderID != "P-1001" || c.Reason != "invalid_lead" || c.State != "approved" {
		t.Errorf("case = %+v", c)
	}
	if len(c.Leads) != 1 || c.Leads[0] != (caseLeadJSON{LeadID: "L-2001", Coins: 120, Decision: "approved"}) {
		t.Errorf("leads = %+v", c.Leads)
	}
	if len(c.History) != 2 || c.History[0].To != "open" || c.History[1].From != "open" ||
		c.History[1].To != "approved" || c.History[1].By != demoAgent {
		t.Errorf("history = %+v", c.History)
	}
	// The raw JSON has exactly the keys of DESIGN.md.
	var raw map[string]json.RawMessage
	_ = json.Unmarshal([]byte(e.mustRun("case", "show", "RF-1", "--json")), &raw)
	if len(raw) != 6 {
		t.Errorf("case JSON keys = %d, want 6: %v", len(raw), raw)
	}
	if out := e.mustRun("case", "show", "RF-1"); !strings.Contains(out, "L-2001  120    Plumbing  approved") {
		t.Errorf("case table:\n%s", out)
	}
	if w := e.wallet("P-1001"); w.Balance != 1070 || w.Entries[len(w.Entries)-1].Kind != "refund" || w.Entries[len(w.Entries)-1].Ref != "RF-1" {
		t.Errorf("wallet after demo = %+v", w)
	}

	// A second demo on the same data refunds the next lead, never L-2001 again.
	out, _, code = runArgs(t, nil, "demo", "--data", data)
	if code != 0 || !strings.Contains(out, "already in this database") || !strings.Contains(out, "Submitted RF-2") ||
		strings.Contains(out, "lead L-2001") {
		t.Errorf("second demo: exit %d\n%s", code, out)
	}
	if out := e.mustRun("verify"); !strings.Contains(out, "verify OK") {
		t.Errorf("verify: %s", out)
	}
	if _, errs, code := e.run("case", "show", "RF-99"); code != 1 || !strings.Contains(errs, "no case RF-99") {
		t.Errorf("missing case: exit %d %s", code, errs)
	}
}

func TestLockedDatabaseFailsFast(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	db, err := storage.Open(e.dbPath(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, errs, code := e.run("wallet", "show", "P-1")
	want := "the database " + e.dbPath() + " is in use (is `refundbot serve` running?)"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, errs, want)
	}
}

func TestReadCommandsDoNotCreateADatabase(t *testing.T) {
	e := newTestEnv(t)
	_, errs, code := e.run("wallet", "show", "P-1")
	if code != 1 || !strings.Contains(errs, "there is no database at") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
	if _, err := os.Stat(e.dbPath()); !os.IsNotExist(err) {
		t.Errorf("wallet show created %s", e.dbPath())
	}
}

func TestBackupIsAUsableCopy(t *testing.T) {
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	e.importFile("unlocks", "unlocks.csv", unlocksCSV)
	out := filepath.Join(e.dir, "copy.db")
	if got := e.mustRun("backup", "--out", out); !strings.Contains(got, "backup written to "+out) {
		t.Errorf("backup: %s", got)
	}
	if _, errs, code := e.run("backup", "--out", out); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second backup to the same file: exit %d %s", code, errs)
	}
	if _, errs, code := e.run("backup", "--out", e.dbPath()); code != 1 || !strings.Contains(errs, "is the database itself") {
		t.Errorf("backup onto the database: exit %d %s", code, errs)
	}

	db, err := storage.Open(out, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, err := db.Wallet(t.Context(), "P-1")
	if err != nil || w.Balance != e.wallet("P-1").Balance || len(w.Entries) != 3 {
		t.Errorf("backup wallet = %+v, %v", w, err)
	}
	if problems, err := db.Verify(t.Context()); err != nil || len(problems) > 0 {
		t.Errorf("verify of the backup: %v %v", problems, err)
	}
}

func TestServeNeedsTokens(t *testing.T) {
	e := newTestEnv(t)
	_, errs, code := e.run("serve")
	if code != 1 || !strings.Contains(errs, "telegram.token: required to serve") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}
