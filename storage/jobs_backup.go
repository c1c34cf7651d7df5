package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
)

// backupPattern matches the names BackupRotate gives its backups; only
// such files are ever pruned.
var backupPattern = regexp.MustCompile(`^refundbot-\d{8}T\d{6}Z\.db$`)

// BackupName is the file name of the backup made for at (UTC, so names
// sort by time).
func BackupName(at time.Time) string {
	return "refundbot-" + at.UTC().Format("20060102T150405Z") + ".db"
}

// BackupRotate writes a hot backup (see Backup) to dir/BackupName(at),
// verifies it with VerifyFile, and then deletes all but the newest keep
// backups of dir. A backup that fails verification is removed and
// nothing is pruned, so the good backups stay.
func (db *DB) BackupRotate(ctx context.Context, dir string, keep int, at time.Time) (string, error) {
	if keep < 1 {
		return "", fmt.Errorf("backup rotate: keep %d: %w", keep, conversations.ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("backup rotate: %w", err)
	}
	path := filepath.Join(dir, BackupName(at))
	if err := db.Backup(ctx, path); err != nil {
		return "", err
	}
	if err := VerifyFile(ctx, path); err != nil {
		return "", errors.Join(fmt.Errorf("backup %s is not sound: %w", path, err), os.Remove(path))
	}
	if err := pruneBackups(dir, keep); err != nil {
		return path, fmt.Errorf("backup rotate: %w", err)
	}
	return path, nil
}

// VerifyFile opens the database file at path read-only and checks it:
// bbolt's page consistency check, the schema version and every invariant
// of Verify. Any problem is an error.
func VerifyFile(ctx context.Context, path string) (err error) {
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer func() {
		if cerr := bdb.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", path, cerr)
		}
	}()
	err = bdb.View(func(tx *bolt.Tx) error {
		var errs []error
		for e := range tx.Check() {
			errs = append(errs, e)
		}
		meta := tx.Bucket(bMeta)
		if meta == nil || string(meta.Get(keySchema)) != string(u64(SchemaVersion)) {
			errs = append(errs, fmt.Errorf("schema is not version %d: %w", SchemaVersion, conversations.ErrSchema))
		}
		return errors.Join(errs...)
	})
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	problems, err := (&DB{bolt: bdb}).Verify(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("verify %s: %d problem(s), first: %s", path, len(problems), problems[0])
	}
	return nil
}

// pruneBackups deletes all but the newest keep backups in dir.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && backupPattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var errs []error
	for _, name := range names[:max(0, len(names)-keep)] {
		errs = append(errs, os.Remove(filepath.Join(dir, name)))
	}
	return errors.Join(errs...)
}
