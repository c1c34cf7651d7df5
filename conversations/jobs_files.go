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

var (
	evidenceName = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// incomingName is a download's temporary file (left by a crash).
	incomingName = regexp.MustCompile(`^\.incoming-[0-9]+$`)
)

// EvidenceFile is a file of the evidence directory, as listed.
type EvidenceFile struct {
	Name    string
	ModTime time.Time
}

// OrphanEvidence returns the names among files that may be deleted at now
// as orphans: a hash-named file that no case (any state) and no session
// (a draft or an answer being collected) refers to, or a download's
// temporary file, last written at least grace ago. Files named otherwise
// are not ours and are left alone. Pure.
func OrphanEvidence(files []EvidenceFile, cases []Case, sessions []Session, now time.Time, grace time.Duration) []string {
	used := map[string]bool{}
	for _, c := range cases {
		for _, e := range c.Evidence {
			used[e.SHA256] = true
		}
	}
	for _, s := range sessions {
		for _, e := range s.Draft.Evidence {
			used[e.SHA256] = true
		}
	}
	var out []string
	for _, f := range files {
		ours := evidenceName.MatchString(f.Name) && !used[f.Name] || incomingName.MatchString(f.Name)
		if ours && now.Sub(f.ModTime) >= grace {
			out = append(out, f.Name)
		}
	}
	return out
}

// orphans lists the evidence directory and picks its orphans, after
// policy.evidence.orphan_grace_hours (none when it is not set).
func (j *Jobs) orphans(cases []Case, sessions []Session, now time.Time) ([]string, error) {
	grace := hours(j.o.Policy.Evidence.OrphanGraceHours)
	if grace <= 0 {
		return nil, nil
	}
	entries, err := os.ReadDir(j.o.EvidenceDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	files := make([]EvidenceFile, 0, len(entries))
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // deleted meanwhile
		}
		files = append(files, EvidenceFile{Name: e.Name(), ModTime: info.ModTime()})
	}
	return OrphanEvidence(files, cases, sessions, now, grace), nil
}

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
// case or draft refers to (ExpiredEvidence), and the files nothing refers
// to at all, once policy.evidence.orphan_grace_hours old (OrphanEvidence). A file already gone counts
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
	names := ExpiredEvidence(cases, sessions, now, hours(24*j.o.RetentionDays))
	orphans, err := j.orphans(cases, sessions, now)
	if err != nil {
		errs = append(errs, err)
	}
	for _, h := range append(names, orphans...) {
		if !evidenceName.MatchString(h) && !incomingName.MatchString(h) {
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
	j.log.Info("evidence deleted", "job", JobEvidenceRetention, "files", deleted, "orphans", len(orphans))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: %w", JobEvidenceRetention, err)
	}
	return nil
}
