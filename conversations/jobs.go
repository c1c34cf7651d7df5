package conversations

import (
	"context"
	"log/slog"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Names of the scheduled jobs: the keys of the `jobs:` config section.
const (
	JobSLAReminder       = "sla-reminder"
	JobDraftExpiry       = "draft-expiry"
	JobInfoExpiry        = "info-expiry"
	JobDailyDigest       = "daily-digest"
	JobBackup            = "backup"
	JobEvidenceRetention = "evidence-retention"
	JobRecordsRetention  = "records-retention"
)

// JobNames lists every job in a fixed order.
func JobNames() []string {
	return []string{JobSLAReminder, JobDraftExpiry, JobInfoExpiry, JobDailyDigest, JobBackup, JobEvidenceRetention}
}

// JobMark is what the store keeps of one job: the latest schedule slot
// done, committed with the job's effect, and the last failure.
type JobMark struct {
	Job string `json:"job"`
	// Since is when the scheduler first saw the job: slots before it are
	// not owed (a new install does not replay the past).
	Since time.Time `json:"since,omitzero"`
	// Slot is the latest slot done; it only moves forward. At is when.
	Slot time.Time `json:"slot,omitzero"`
	At   time.Time `json:"at,omitzero"`
	// FailedSlot, FailedAt and Err describe the last failed run; a later
	// success clears them.
	FailedSlot time.Time `json:"failed_slot,omitzero"`
	FailedAt   time.Time `json:"failed_at,omitzero"`
	Err        string    `json:"err,omitempty"`
}

// CaseSweep is what a job does to one open case: its new reminder count
// and the messages that announce it, committed together.
type CaseSweep struct {
	Reminders int
	Outbox    []OutboxMessage
}

// SessionSweep is what a job does to one session: save Session (or
// delete it) and enqueue Outbox, committed together.
type SessionSweep struct {
	Session Session
	Delete  bool
	Outbox  []OutboxMessage
}

// JobStore is what the job bodies need from storage. *storage.DB
// implements it.
type JobStore interface {
	// Cases lists cases, newest first; provider "" means all.
	Cases(ctx context.Context, providerID string) ([]Case, error)
	// OpenCases lists cases that are not final, oldest first.
	OpenCases(ctx context.Context) ([]Case, error)
	Sessions(ctx context.Context) ([]Session, error)
	// SweepOpenCases calls plan on every open case, oldest first, inside
	// one write transaction; for each case where plan reports true, the
	// case's Reminders is set and the messages are enqueued. mark (when
	// mark.Job is set) is committed in the same transaction. plan is pure.
	SweepOpenCases(ctx context.Context, plan func(c Case) (CaseSweep, bool), mark JobMark) (int, error)
	// SweepSessions calls plan on every session; each session where plan
	// reports true is re-read and planned again inside one write
	// transaction (so a session changed meanwhile is judged as it is now)
	// and saved or deleted with its messages. mark is committed with them.
	// plan is pure and may run twice per session.
	SweepSessions(ctx context.Context, plan func(s Session) (SessionSweep, bool), mark JobMark) (int, error)
	// CommitSlot enqueues msgs and commits mark in one transaction, unless
	// mark.Job already has a slot at or after mark.Slot: then it writes
	// nothing and reports false.
	CommitSlot(ctx context.Context, mark JobMark, msgs ...OutboxMessage) (bool, error)
	// PruneRecords deletes the dedup markers (handled inbound updates,
	// MarkOnce keys) written before before, committing mark with them.
	PruneRecords(ctx context.Context, before time.Time, mark JobMark) (int, error)
	// BackupRotate writes a hot backup named by at into dir, verifies it by
	// opening it, and keeps only the newest keep backups. It returns the
	// backup's path.
	BackupRotate(ctx context.Context, dir string, keep int, at time.Time) (string, error)
}

// CaseExpirer closes a case whose question went unanswered;
// (*DeskService).Expire implements it.
type CaseExpirer interface {
	Expire(ctx context.Context, caseID string) (Case, error)
}

// JobsOptions configure the job bodies.
type JobsOptions struct {
	Store  JobStore
	Desk   CaseExpirer
	Policy policy.Config
	// Approvers are mentioned in SLA reminders (Slack user IDs).
	Approvers []string
	// SlackChannel gets the digest, and reminders of cases without a card.
	SlackChannel string
	// Location is the configured timezone: "yesterday" of the digest.
	Location *time.Location
	Clock    Clock
	Logger   *slog.Logger
	// OnCommit, when set, is called after a job enqueued messages.
	OnCommit func()
	// BackupDir and BackupKeep: where backups go and how many stay.
	BackupDir  string
	BackupKeep int
	// EvidenceDir holds evidence files by SHA-256; RetentionDays is how long
	// a decided case keeps them.
	EvidenceDir   string
	RetentionDays int
	// RecordsKeepDays is how long dedup markers and delivered messages are
	// kept (at least 2: the chat APIs redeliver for up to a day).
	RecordsKeepDays int
}

// Jobs holds the scheduled job bodies. Each is a plain function of a
// context and the schedule slot it runs for, testable without cron; each
// is safe to run again for the same slot (its effects are guarded by
// state in the store), so a crash between its effect and the scheduler's
// marker repeats nothing.
type Jobs struct {
	o   JobsOptions
	log *slog.Logger
}

// NewJobs returns the job bodies; Store is required, Desk is required by
// info-expiry.
func NewJobs(o JobsOptions) *Jobs {
	var log *slog.Logger
	o.Clock, o.Location, log = defaults(o.Clock, o.Location, o.Logger, "jobs")
	return &Jobs{o: o, log: log}
}

// Body returns the body of the named job; ok is false for an unknown name.
func (j *Jobs) Body(name string) (run func(ctx context.Context, slot time.Time) error, ok bool) {
	switch name {
	case JobSLAReminder:
		return j.SLAReminder, true
	case JobDraftExpiry:
		return j.DraftExpiry, true
	case JobInfoExpiry:
		return j.InfoExpiry, true
	case JobDailyDigest:
		return j.DailyDigest, true
	case JobBackup:
		return j.Backup, true
	case JobEvidenceRetention:
		return j.EvidenceRetention, true
	case JobRecordsRetention:
		return j.RecordsRetention, true
	}
	return nil, false
}

func (j *Jobs) committed(n int) {
	if n > 0 && j.o.OnCommit != nil {
		j.o.OnCommit()
	}
}

func hours(n int) time.Duration { return time.Duration(n) * time.Hour }

// channelOf is where a case's thread lives.
func (j *Jobs) channelOf(c Case) string {
	if c.CardChannel != "" {
		return c.CardChannel
	}
	return j.o.SlackChannel
}
