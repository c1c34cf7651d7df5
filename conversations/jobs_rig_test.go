package conversations_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage"
)

// jobClock is a clock the test moves.
type jobClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *jobClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *jobClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

const (
	rigChannel = "C0123456789"
	approver1  = "U0AAAAAAA1"
	approver2  = "U0AAAAAAA2"
)

// jobRig is the job bodies over a real bbolt store with a fake clock.
type jobRig struct {
	t     *testing.T
	ctx   context.Context
	db    *storage.DB
	clock *jobClock
	ist   *time.Location
	desk  *conversations.DeskService
	jobs  *conversations.Jobs
	dir   string
}

// t0 is Monday 2026-04-06 10:00 IST.
func newJobRig(t *testing.T) *jobRig {
	t.Helper()
	ist, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db, err := storage.Open(filepath.Join(dir, "r.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &jobRig{t: t, ctx: context.Background(), db: db, ist: ist, dir: dir,
		clock: &jobClock{t: time.Date(2026, 4, 6, 10, 0, 0, 0, ist)}}
	pol := policy.Default()
	r.desk = conversations.NewDesk(conversations.DeskOptions{Store: db, Policy: pol, Approvers: []string{approver1, approver2},
		Clock: r.clock, SlackChannel: rigChannel, Location: ist})
	r.jobs = conversations.NewJobs(conversations.JobsOptions{Store: db, Desk: r.desk, Policy: pol,
		Approvers: []string{approver1, approver2, "<!channel>"}, SlackChannel: rigChannel, Location: ist, Clock: r.clock,
		BackupDir: filepath.Join(dir, "backups"), BackupKeep: 2,
		EvidenceDir: filepath.Join(dir, "evidence"), RetentionDays: 30})
	err = db.UpsertProviders(r.ctx, []conversations.Provider{{ID: "P-1", Name: "Asha", Phone: "+919876543210",
		Language: policy.LangHindi, OpeningBalance: 10000}}, r.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// submit records an unlock of each lead and submits a case of them at at.
func (r *jobRig) submit(reason policy.ReasonCode, at time.Time, ev []conversations.Evidence, leads ...string) conversations.Case {
	r.t.Helper()
	for _, l := range leads {
		if _, err := r.db.RecordUnlocks(r.ctx, []conversations.Unlock{{ProviderID: "P-1", LeadID: l, Coins: 100,
			UnlockedAt: at.Add(-72 * time.Hour), Category: "plumbing"}}); err != nil {
			r.t.Fatal(err)
		}
	}
	c, err := r.db.SubmitCase(r.ctx, conversations.NewCase{ProviderID: "P-1", ChatID: 42, Language: policy.LangHindi,
		Reason: reason, LeadIDs: leads, Evidence: ev, At: at})
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// drain returns every pending outbox message in order and marks it sent.
func (r *jobRig) drain() []conversations.OutboxMessage {
	r.t.Helper()
	var out []conversations.OutboxMessage
	for {
		due, err := r.db.DueOutbox(r.ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 0)
		if err != nil {
			r.t.Fatal(err)
		}
		if len(due) == 0 {
			return out
		}
		for _, m := range due {
			out = append(out, m)
			if err := r.db.OutboxSent(r.ctx, m.ID, r.clock.Now(), "ref"); err != nil {
				r.t.Fatal(err)
			}
		}
	}
}

// run sets the clock to at and runs body for the slot at.
func (r *jobRig) run(body func(context.Context, time.Time) error, at time.Time) {
	r.t.Helper()
	r.clock.Set(at)
	if err := body(r.ctx, at); err != nil {
		r.t.Fatal(err)
	}
}

func (r *jobRig) mark(job string) conversations.JobMark {
	r.t.Helper()
	m, err := r.db.JobMark(r.ctx, job)
	if err != nil {
		r.t.Fatal(err)
	}
	return m
}
