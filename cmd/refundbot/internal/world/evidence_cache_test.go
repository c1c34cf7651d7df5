package world

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestEachReplicaPrunesItsOwnCache: on etcd, pruning the evidence cache
// is each replica's own job, not the leader's: the follower runs it over
// its own evidence_dir (an orphan file past its grace goes), records its
// slot in a file there, and leaves the shared store's job marks alone;
// the leader's scheduler does not run it at all.
func TestEachReplicaPrunesItsOwnCache(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	r := startReplicas(t, "cache/", dirA, dirB, nil)
	a, b := r.a, r.b
	ctx := t.Context()
	if _, role, _ := readyz(t, b); role != "follower" {
		t.Fatalf("b's role %q, want follower", role)
	}
	old := time.Now().Add(-30 * 24 * time.Hour)
	orphan := func(dir string) string {
		p := filepath.Join(dir, "evidence", strings.Repeat("ab", 32))
		if err := os.WriteFile(p, []byte("stale"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return p
	}
	inA, inB := orphan(dirA), orphan(dirB)

	if err := a.Sys.Jobs.RunNow(ctx, conversations.JobEvidenceRetention); err == nil {
		t.Fatal("the leader's scheduler runs evidence-retention; want it only among each replica's own jobs")
	}
	if b.Sys.OwnJobs == nil {
		t.Fatal("b has no jobs of its own")
	}
	if err := b.Sys.OwnJobs.RunNow(ctx, conversations.JobEvidenceRetention); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(inB); !os.IsNotExist(err) {
		t.Errorf("b's orphan is still there (%v)", err)
	}
	if _, err := os.Stat(inA); err != nil {
		t.Errorf("a's cache was touched by b's pruning: %v", err)
	}
	mark, err := b.App.Store.JobMark(ctx, conversations.JobEvidenceRetention)
	if err != nil || !mark.Slot.IsZero() {
		t.Errorf("the shared store's mark of evidence-retention: %+v %v; want none", mark, err)
	}
	data, err := os.ReadFile(filepath.Join(dirB, "evidence", ".refundbot-jobs.json"))
	var local map[string]conversations.JobMark
	if err != nil || json.Unmarshal(data, &local) != nil || local[conversations.JobEvidenceRetention].Slot.IsZero() {
		t.Errorf("b's own slot file: %s %v; want evidence-retention's slot", data, err)
	}
}
