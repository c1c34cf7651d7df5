package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// Backup writes a consistent snapshot of the cluster member's whole
// keyspace (etcd's Maintenance.Snapshot, a bbolt file that `etcdutl
// snapshot restore` turns into a new cluster) to path, fsynced, through a
// temporary file so that path is either complete or absent.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	rc, err := s.cli.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("etcd snapshot: %w", err)
	}
	defer rc.Close()
	tmp := path + ".part"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("etcd snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(tmp))
		}
	}()
	n, err := io.Copy(f, rc)
	if err == nil && n == 0 {
		err = errors.New("empty snapshot")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("etcd snapshot to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("etcd snapshot: %w", err)
	}
	return nil
}

var snapshotPattern = regexp.MustCompile(`^refundbot-etcd-\d{8}T\d{6}Z\.snapshot$`)

// BackupName is the file name of the snapshot made for at (UTC, so names
// sort by time).
func BackupName(at time.Time) string {
	return "refundbot-etcd-" + at.UTC().Format("20060102T150405Z") + ".snapshot"
}

// BackupRotate writes a snapshot to dir/BackupName(at) and deletes all
// but the newest keep snapshots of dir.
func (s *Store) BackupRotate(ctx context.Context, dir string, keep int, at time.Time) (string, error) {
	if keep < 1 {
		return "", fmt.Errorf("backup rotate: keep %d: %w", keep, conversations.ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("backup rotate: %w", err)
	}
	path := filepath.Join(dir, BackupName(at))
	if err := s.Backup(ctx, path); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return path, fmt.Errorf("backup rotate: %w", err)
	}
	var names []string
	for _, e := range entries {
		if snapshotPattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return path, fmt.Errorf("backup rotate: %w", err)
		}
		names = names[1:]
	}
	return path, nil
}
