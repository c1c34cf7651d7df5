package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// runVerify checks the storage and ledger invariants (storage.Verify):
// every problem on its own line and exit status 1, or "verify OK".
func runVerify(ctx context.Context, c *cli) error {
	if ok, err := runVerifyEtcd(ctx, c); ok {
		return err
	}
	return withStore(ctx, c, func(a *app.App) error {
		problems, err := a.Store.Verify(ctx)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		if len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(c.stderr, p)
			}
			fmt.Fprintf(c.stderr, "verify: %d problem(s) in %s\n", len(problems), a.Config.Storage.Path)
			return errReported
		}
		_, err = fmt.Fprintf(c.stdout, "verify OK: %s\n", a.Config.Storage.Path)
		return err
	})
}

// runBackup writes a consistent copy of the database to --out (storage
// writes a temporary file, syncs it and renames it). It refuses to
// overwrite an existing file. The CLI cannot open a database that a
// running serve holds; serve makes its own nightly backups (jobs.backup).
func runBackup(ctx context.Context, c *cli) error {
	if ok, err := runBackupEtcd(ctx, c); ok {
		return err
	}
	out := c.flag("out")
	return withStore(ctx, c, func(a *app.App) error {
		same, err := samePath(out, a.Config.Storage.Path)
		if err != nil {
			return err
		}
		if same {
			return fmt.Errorf("--out %s is the database itself", out)
		}
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists; choose a new file name", out)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("backup: %w", err)
		}
		if dir := filepath.Dir(out); !isDir(dir) {
			return fmt.Errorf("the directory %s does not exist; create it first or choose another --out", dir)
		}
		if err := a.Store.Backup(ctx, out); err != nil {
			return err
		}
		info, err := os.Stat(out)
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		_, err = fmt.Fprintf(c.stdout, "backup written to %s (%d bytes)\n", out, info.Size())
		return err
	})
}

func samePath(a, b string) (bool, error) {
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	return aa == bb, nil
}

// isDir reports whether path is an existing directory.
func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
