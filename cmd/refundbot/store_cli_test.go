package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/storage"
)

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
	if _, errs, code := e.run("backup", "--out", filepath.Join(e.dir, "no-such-dir", "b.db")); code != 1 || !strings.Contains(errs, "no-such-dir does not exist") {
		t.Errorf("backup into a missing directory: exit %d %s", code, errs)
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
