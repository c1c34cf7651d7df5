package conversations

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// Backup writes a hot backup into the backup directory, named by the
// slot's time, verified by opening it, and keeps the newest BackupKeep.
// The scheduler commits the slot marker right after it returns.
func (j *Jobs) Backup(ctx context.Context, slot time.Time) error {
	if j.o.BackupDir == "" || j.o.BackupKeep < 1 {
		return fmt.Errorf("%s: backup_dir and keep >= 1 are required", JobBackup)
	}
	path, err := j.o.Store.BackupRotate(ctx, j.o.BackupDir, j.o.BackupKeep, slot)
	if err != nil {
		return fmt.Errorf("%s: %w", JobBackup, err)
	}
	j.log.Info("backup written", "job", JobBackup, "path", path)
	return nil
}

var evidenceName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ExpiredEvidence returns the SHA-256 names of evidence files that may be
// deleted at now: referenced by a case final for at least retention (its
// last transition), and by nothing else: no case still open, no case
// decided more recently, no draft in a session. Pure.
func ExpiredEvidence(cases []Case, sessions []Session, now time.Time, retention time.Duration) []string {
	keep := map[string]bool{}
	old := map[string]bool{}
	var order []string
	for _, c := range cases {
		expired := c.State.Final() && now.Sub(decidedAt(c)) >= retention
		for _, e := range c.Evidence {
			if e.SHA256 == "" {
				continue
			}
			if !expired {
				keep[e.SHA256] = true
			} else if !old[e.SHA256] {
				old[e.SHA256] = true
				order = append(order, e.SHA256)
			}
		}
	}
	for _, s := range sessions {
		for _, e := range s.Draft.Evidence {
			keep[e.SHA256] = true
		}
	}
	var out []string
	for _, h := range order {
		if !keep[h] {
			out = append(out, h)
		}
	}
	return out
}

// decidedAt is when a case reached its current state.
func decidedAt(c Case) time.Time {
	if n := len(c.History); n > 0 {
		return c.History[n-1].At
	}
	return c.UpdatedAt
}

// EvidenceRetention deletes from the evidence directory the files of
// cases decided more than RetentionDays ago that no open case, recent
// case or draft refers to (ExpiredEvidence). A file already gone counts
// as deleted. The case records keep their evidence entries (hash, name,
// size): the card shows what there was.
func (j *Jobs) EvidenceRetention(ctx context.Context, slot time.Time) error {
	if j.o.EvidenceDir == "" || j.o.RetentionDays < 1 {
		return fmt.Errorf("%s: evidence_dir and retention_days >= 1 are required", JobEvidenceRetention)
	}
	now := j.o.Clock.Now()
	cases, err := j.o.Store.Cases(ctx, "")
	if err != nil {
		return fmt.Errorf("%s: %w", JobEvidenceRetention, err)
	}
	sessions, err := j.o.Store.Sessions(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", JobEvidenceRetention, err)
	}
	var errs []error
	deleted := 0
	for _, h := range ExpiredEvidence(cases, sessions, now, hours(24*j.o.RetentionDays)) {
		if !evidenceName.MatchString(h) {
			continue // never a path built from anything but a hash
		}
		err := os.Remove(filepath.Join(j.o.EvidenceDir, h))
		switch {
		case err == nil:
			deleted++
		case errors.Is(err, fs.ErrNotExist):
		default:
			errs = append(errs, err)
		}
	}
	j.log.Info("evidence deleted", "job", JobEvidenceRetention, "files", deleted)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: %w", JobEvidenceRetention, err)
	}
	return nil
}
