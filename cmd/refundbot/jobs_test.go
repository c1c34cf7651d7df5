package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/storage"
)

// runJobsCmd runs runJobs directly (its line in the command table is the
// lead's) with the words given and the env's config.
func runJobsCmd(t *testing.T, e *testEnv, words ...string) (string, string, error) {
	t.Helper()
	inv, err := parseArgs(append(words, "--config", e.cfg))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	c := &cli{inv: inv, env: envOf(e.vars), stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	err = runJobs(context.Background(), c)
	return out.String(), errb.String(), err
}

func TestJobsCommands(t *testing.T) {
	e := newTestEnv(t)
	// Without a database the listing still shows specs and next runs.
	out, errs, err := runJobsCmd(t, e, "jobs")
	if err != nil || !strings.Contains(errs, "last runs unavailable") || !strings.Contains(out, "backup") || !strings.Contains(out, "30 2 * * *") {
		t.Fatalf("listing without a database: err %v\n%s\n%s", err, out, errs)
	}
	if err := os.MkdirAll(filepath.Dir(e.dbPath()), 0o750); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(e.dbPath(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if out, _, err := runJobsCmd(t, e, "jobs", "run", "backup"); err != nil || !strings.HasPrefix(out, "backup done") {
		t.Fatalf("jobs run backup: %v %q", err, out)
	}
	backups, _ := os.ReadDir(filepath.Join(e.dir, "data", "backups"))
	if len(backups) != 1 {
		t.Fatalf("backups %v, want one", backups)
	}
	out, _, err = runJobsCmd(t, e, "jobs")
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out)
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == "backup" && strings.Count(line, " IST") != 3 {
			t.Errorf("backup row %q: want last slot, last run and next shown", line)
		}
		if len(f) > 0 && f[0] == "sla-reminder" && !strings.Contains(line, "yes") {
			t.Errorf("sla-reminder row %q", line)
		}
	}
	if _, _, err := runJobsCmd(t, e, "jobs", "run", "nope"); err == nil || !strings.Contains(err.Error(), "sla-reminder, draft-expiry") {
		t.Errorf("unknown job: %v, want the names listed", err)
	}
}
