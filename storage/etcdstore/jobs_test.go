package etcdstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// TestJobsOnEtcd: sweeps change only what plan picks, each with its
// messages, and advance the slot; a slot commits once; marks move only
// forward; the evidence quota keeps one day; pruning removes only old
// settled records; snapshots rotate. Storage's checks pass at the end.
func TestJobsOnEtcd(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	workload(t, s, 0) // RF-1..RF-3 final, RF-4 open
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	msg := func(to string) []conversations.OutboxMessage {
		return []conversations.OutboxMessage{{Transport: conversations.Slack, Kind: conversations.OutSlackPost, Recipient: to, Text: "x"}}
	}
	sla := conversations.JobMark{Job: conversations.JobSLAReminder, Slot: t0, At: t0}
	n, err := s.SweepOpenCases(ctx, func(c conversations.Case) (conversations.CaseSweep, bool) {
		return conversations.CaseSweep{Reminders: c.Reminders + 1, Outbox: msg("C-SLA")}, c.Reminders == 0
	}, sla)
	must(t, err)
	again, err := s.SweepOpenCases(ctx, func(c conversations.Case) (conversations.CaseSweep, bool) {
		return conversations.CaseSweep{Reminders: c.Reminders + 1, Outbox: msg("C-SLA")}, c.Reminders == 0
	}, sla)
	must(t, err)
	c4, err := s.Case(ctx, "RF-4")
	must(t, err)
	if n != 1 || again != 0 || c4.Reminders != 1 {
		t.Fatalf("swept %d then %d, RF-4 reminders %d; want 1, 0, 1", n, again, c4.Reminders)
	}
	if m, _ := s.JobMark(ctx, sla.Job); !m.Slot.Equal(t0) {
		t.Fatalf("sla mark %+v", m)
	}

	for _, chat := range []int64{-5, 7, 9} {
		must(t, s.SaveSession(ctx, conversations.Session{ChatID: chat, Step: "reason", UpdatedAt: t0}))
	}
	n, err = s.SweepSessions(ctx, func(ss conversations.Session) (conversations.SessionSweep, bool) {
		return conversations.SessionSweep{Delete: ss.ChatID == 7, Session: conversations.Session{Step: "reminded"}, Outbox: msg("7")}, ss.ChatID != 9
	}, conversations.JobMark{Job: conversations.JobDraftExpiry, Slot: t0, At: t0})
	must(t, err)
	left, err := s.Sessions(ctx)
	must(t, err)
	if n != 2 || len(left) != 2 || left[0].ChatID != -5 || left[0].Step != "reminded" || left[1].ChatID != 9 || left[1].Step != "reason" {
		t.Fatalf("swept %d, sessions %+v", n, left)
	}

	for i, tc := range []struct {
		slot time.Time
		want bool
	}{{t0, true}, {t0, false}, {t0.Add(-time.Hour), false}, {t0.Add(24 * time.Hour), true}} {
		done, err := s.CommitSlot(ctx, conversations.JobMark{Job: conversations.JobDailyDigest, Slot: tc.slot, At: tc.slot}, msg("C-DIGEST")...)
		if err != nil || done != tc.want {
			t.Errorf("commit %d: done %v err %v, want %v", i, done, err, tc.want)
		}
	}
	must(t, s.SlotFailed(ctx, "backup", t0, t0, "disk full"))
	must(t, s.SlotDone(ctx, "backup", t0.Add(time.Hour), t0))
	must(t, s.SlotDone(ctx, "backup", t0, t0))
	if m, _ := s.JobMark(ctx, "backup"); m.Err != "" || !m.Slot.Equal(t0.Add(time.Hour)) {
		t.Fatalf("backup mark %+v", m)
	}

	must(t, s.AddEvidenceBytes(ctx, "P1", "2026-03-01", 500))
	must(t, s.AddEvidenceBytes(ctx, "P1", "2026-03-02", 300))
	must(t, s.AddEvidenceBytes(ctx, "P1", "2026-03-02", 200))
	old, _ := s.EvidenceBytes(ctx, "P1", "2026-03-01")
	now, _ := s.EvidenceBytes(ctx, "P1", "2026-03-02")
	if old != 0 || now != 500 {
		t.Fatalf("evidence bytes: old day %d, today %d; want 0 and 500", old, now)
	}

	// Settle everything, then prune what settled before a cut-off.
	due, err := s.DueOutbox(ctx, t0.Add(1000*time.Hour), 0)
	must(t, err)
	for len(due) > 0 {
		for _, m := range due {
			must(t, s.OutboxSent(ctx, m.ID, t0, "ok"))
		}
		due, err = s.DueOutbox(ctx, t0.Add(1000*time.Hour), 0)
		must(t, err)
	}
	_, err = s.MarkOnce(ctx, "recent", t0.Add(48*time.Hour))
	must(t, err)
	pruned, err := s.PruneRecords(ctx, t0.Add(time.Hour), conversations.JobMark{Job: conversations.JobRecordsRetention, Slot: t0, At: t0})
	must(t, err)
	if depth, _, _ := s.OutboxStats(ctx, t0); pruned == 0 || depth != 0 {
		t.Fatalf("pruned %d, outbox depth %d", pruned, depth)
	}
	if first, _ := s.MarkOnce(ctx, "recent", t0); first {
		t.Fatal("a recent mark was pruned")
	}

	dir := filepath.Join(t.TempDir(), "b")
	for i := range 3 {
		_, err := s.BackupRotate(ctx, dir, 2, t0.Add(time.Duration(i)*time.Hour))
		must(t, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 || entries[0].Name() != BackupName(t0.Add(time.Hour)) {
		t.Fatalf("backups %v", entries)
	}
}
