package conversations_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// TestDraftExpiry: an idle draft is reminded once per idle spell (with a
// Continue button bound to the session's nonce), then dropped and the
// provider told in their language; sessions outside a draft are left.
func TestDraftExpiry(t *testing.T) {
	r := newJobRig(t)
	t0 := r.clock.Now()
	draft := conversations.Session{ChatID: 42, UserID: 42, ProviderID: "P-1", Language: policy.LangHindi, Step: "leads",
		Nonce: 7, UpdatedAt: t0, Draft: conversations.Draft{Reason: policy.ReasonInvalidLead, LeadIDs: []string{"L-1"}}}
	for _, s := range []conversations.Session{draft,
		{ChatID: 43, Step: "idle", UpdatedAt: t0}, {ChatID: 44, Step: "answer", AnsweringCase: "RF-1", UpdatedAt: t0}} {
		if err := r.db.SaveSession(r.ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	r.run(r.jobs.DraftExpiry, t0.Add(12*time.Hour-time.Minute))
	if got := r.drain(); len(got) != 0 {
		t.Fatalf("before the reminder time: %+v", got)
	}
	r.run(r.jobs.DraftExpiry, t0.Add(12*time.Hour))
	r.run(r.jobs.DraftExpiry, t0.Add(13*time.Hour))
	got := r.drain()
	if len(got) != 1 || got[0].Recipient != "42" || got[0].Reply == nil ||
		got[0].Reply.Text != policy.Msg(policy.KeyDraftReminder, "hours", "24").Render(policy.LangHindi, conversations.EscapeHTML) ||
		len(got[0].Reply.Buttons) != 1 || got[0].Reply.Buttons[0][0].Data != "7:cont" {
		t.Fatalf("reminder: %+v", got)
	}
	// The provider comes back (the dialogue saves the session as it was,
	// Reminded and all) and goes idle again: a new spell, a new reminder.
	back := t0.Add(14 * time.Hour)
	s, _, _ := r.db.Session(r.ctx, 42)
	s.UpdatedAt = back
	if err := r.db.SaveSession(r.ctx, s); err != nil {
		t.Fatal(err)
	}
	r.run(r.jobs.DraftExpiry, back.Add(23*time.Hour))
	if got := r.drain(); len(got) != 1 || !strings.Contains(got[0].Reply.Text, "24") {
		t.Fatalf("second idle spell: %+v, want a second reminder", got)
	}
	r.run(r.jobs.DraftExpiry, back.Add(24*time.Hour))
	got = r.drain()
	if len(got) != 1 || got[0].Reply.Text != policy.Text(policy.LangHindi, policy.KeyDraftExpired, nil) {
		t.Fatalf("expiry: %+v", got)
	}
	s, ok, _ := r.db.Session(r.ctx, 42)
	if !ok || s.Step != "idle" || len(s.Draft.LeadIDs) != 0 || s.Draft.Reason != "" || s.Nonce != 8 || s.ProviderID != "P-1" || s.Reminded {
		t.Errorf("session after expiry %+v: want idle, no draft, a new nonce, still linked", s)
	}
	for _, chat := range []int64{43, 44} {
		if s, _, _ := r.db.Session(r.ctx, chat); s.Reminded || !s.UpdatedAt.Equal(t0) {
			t.Errorf("session %d touched: %+v", chat, s)
		}
	}
	if m := r.mark(conversations.JobDraftExpiry); !m.Slot.Equal(back.Add(24 * time.Hour)) {
		t.Errorf("marker %v", m.Slot)
	}
}

// TestEvidenceRetention: a file of a case decided more than 30 days ago
// goes; one also in an open case, in a recent case or in a draft stays.
func TestEvidenceRetention(t *testing.T) {
	r := newJobRig(t)
	dir := filepath.Join(r.dir, "evidence")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	file := func(name string) conversations.Evidence {
		sum := sha256.Sum256([]byte(name))
		h := hex.EncodeToString(sum[:])
		if err := os.WriteFile(filepath.Join(dir, h), []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
		return conversations.Evidence{Kind: conversations.EvidencePhoto, SHA256: h}
	}
	gone, shared, drafted := file("gone"), file("shared"), file("drafted")
	recent := file("recent")
	t0 := r.clock.Now()
	old := r.submit(policy.ReasonInvalidLead, t0, []conversations.Evidence{gone, shared, drafted}, "L-1")
	if _, err := r.desk.Reject(r.ctx, old.ID, approver1, string(policy.RejectOther), "", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r.submit(policy.ReasonInvalidLead, t0.Add(2*time.Hour), []conversations.Evidence{shared}, "L-2") // stays open
	late := r.submit(policy.ReasonInvalidLead, t0.Add(20*24*time.Hour), []conversations.Evidence{recent}, "L-3")
	if _, err := r.desk.Reject(r.ctx, late.ID, approver1, string(policy.RejectOther), "", t0.Add(20*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := r.db.SaveSession(r.ctx, conversations.Session{ChatID: 9, Step: "evidence", UpdatedAt: t0,
		Draft: conversations.Draft{Evidence: []conversations.Evidence{drafted}}}); err != nil {
		t.Fatal(err)
	}
	r.run(r.jobs.EvidenceRetention, t0.Add(30*24*time.Hour)) // 1 h short of 30 days after the decision
	exists := func(e conversations.Evidence) bool {
		_, err := os.Stat(filepath.Join(dir, e.SHA256))
		return !errors.Is(err, fs.ErrNotExist)
	}
	if !exists(gone) {
		t.Fatal("deleted before 30 days")
	}
	r.run(r.jobs.EvidenceRetention, t0.Add(30*24*time.Hour+time.Hour))
	r.run(r.jobs.EvidenceRetention, t0.Add(31*24*time.Hour)) // a file already gone is fine
	if exists(gone) || !exists(shared) || !exists(drafted) || !exists(recent) {
		t.Errorf("after retention: gone %v shared %v drafted %v recent %v; want only the first deleted",
			exists(gone), exists(shared), exists(drafted), exists(recent))
	}
}

// TestBackupJob: each run leaves a verified backup named by its slot and
// keeps the newest two.
func TestBackupJob(t *testing.T) {
	r := newJobRig(t)
	t0 := r.clock.Now()
	for i := range 3 {
		r.run(r.jobs.Backup, t0.Add(time.Duration(i)*24*time.Hour))
	}
	entries, err := os.ReadDir(filepath.Join(r.dir, "backups"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{storage.BackupName(t0.Add(24 * time.Hour)), storage.BackupName(t0.Add(48 * time.Hour))}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("backups %v, want %v", names, want)
	}
	for _, n := range names {
		if err := storage.VerifyFile(r.ctx, filepath.Join(r.dir, "backups", n)); err != nil {
			t.Error(err)
		}
	}
}

// TestOrphanEvidence: the retention job also deletes files nothing refers
// to (a stranger's photo from before, a download left half-way), once
// policy.evidence.orphan_grace_hours old; a file of any case or draft, a
// fresh orphan and a file not named like ours stay.
func TestOrphanEvidence(t *testing.T) {
	r := newJobRig(t)
	dir := filepath.Join(r.dir, "evidence")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	t0 := r.clock.Now()
	grace := time.Duration(policy.Default().Evidence.OrphanGraceHours) * time.Hour
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
		at := t0.Add(-age)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		return name
	}
	hash := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }
	oldOrphan := write(hash("stranger"), grace)
	freshOrphan := write(hash("just downloaded"), grace-time.Minute)
	partial := write(".incoming-12345", 2*grace)
	inCase := write(hash("in case"), 10*grace)
	inDraft := write(hash("in draft"), 10*grace)
	notOurs := write("README", 10*grace)
	r.submit(policy.ReasonInvalidLead, t0, []conversations.Evidence{{Kind: conversations.EvidencePhoto, SHA256: inCase}}, "L-1")
	if err := r.db.SaveSession(r.ctx, conversations.Session{ChatID: 9, Step: "evidence", UpdatedAt: t0,
		Draft: conversations.Draft{Evidence: []conversations.Evidence{{Kind: conversations.EvidencePhoto, SHA256: inDraft}}}}); err != nil {
		t.Fatal(err)
	}
	r.run(r.jobs.EvidenceRetention, t0)
	for name, want := range map[string]bool{oldOrphan: false, partial: false, freshOrphan: true, inCase: true, inDraft: true, notOurs: true} {
		_, err := os.Stat(filepath.Join(dir, name))
		if got := err == nil; got != want {
			t.Errorf("%s exists %v, want %v", name, got, want)
		}
	}
}
