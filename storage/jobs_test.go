package storage

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestJobMarks: the slot only moves forward, a failure keeps the last
// slot done, a success clears the failure, Since is set once, and all of
// it survives a reopen.
func TestJobMarks(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	if m, err := db.JobMark(ctx, "backup"); err != nil || !m.Slot.IsZero() || m.Job != "backup" {
		t.Fatalf("fresh mark %+v %v", m, err)
	}
	s1, s2 := t0.Add(time.Hour), t0.Add(2*time.Hour)
	steps := []func() error{
		func() error { return db.JobSeen(ctx, "backup", t0) },
		func() error { return db.JobSeen(ctx, "backup", s2) },
		func() error { return db.SlotDone(ctx, "backup", s2, s2) },
		func() error { return db.SlotDone(ctx, "backup", s1, s2) }, // older: ignored
		func() error { return db.SlotFailed(ctx, "backup", s2.Add(time.Hour), s2.Add(time.Hour), "disk full") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, _ := db.JobMark(ctx, "backup")
	if !m.Since.Equal(t0) || !m.Slot.Equal(s2) || m.Err != "disk full" || !m.FailedSlot.Equal(s2.Add(time.Hour)) {
		t.Fatalf("mark %+v", m)
	}
	if err := db.SlotDone(ctx, "backup", s2.Add(time.Hour), s2.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.JobMark(ctx, "backup"); m.Err != "" || !m.FailedSlot.IsZero() || !m.Slot.Equal(s2.Add(time.Hour)) {
		t.Errorf("after success %+v", m)
	}
}

// TestCommitSlotOnce: the messages of a slot are enqueued with its marker
// once; a rerun of the same or an older slot writes nothing.
func TestCommitSlotOnce(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	msg := conversations.OutboxMessage{Transport: conversations.Slack, Kind: conversations.OutSlackPost, Recipient: "C1", Text: "d"}
	for i, tc := range []struct {
		slot time.Time
		want bool
	}{{t0, true}, {t0, false}, {t0.Add(-time.Hour), false}, {t0.Add(24 * time.Hour), true}} {
		done, err := db.CommitSlot(ctx, conversations.JobMark{Job: "daily-digest", Slot: tc.slot, At: tc.slot}, msg)
		if err != nil || done != tc.want {
			t.Errorf("commit %d: done %v err %v, want %v", i, done, err, tc.want)
		}
	}
	if depth, _, _ := db.OutboxStats(ctx, t0); depth != 2 {
		t.Errorf("outbox depth %d, want 2", depth)
	}
	mustClean(t, db)
}

// TestBackupRotateKeepsNewest: only BackupRotate's own files are pruned,
// oldest first; a file that is not a database fails VerifyFile.
func TestBackupRotateKeepsNewest(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	dir := filepath.Join(t.TempDir(), "b")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := db.BackupRotate(ctx, dir, 3, t0.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"notes.txt", BackupName(t0.Add(time.Hour)), BackupName(t0.Add(2 * time.Hour)), BackupName(t0.Add(3 * time.Hour))}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("dir holds %v, want %v", names, want)
	}
	if err := VerifyFile(ctx, filepath.Join(dir, "notes.txt")); err == nil {
		t.Error("VerifyFile accepted a text file")
	}
	if _, err := db.BackupRotate(ctx, dir, 0, t0); err == nil {
		t.Error("keep 0 accepted")
	}
}
