package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/storage"
	"github.com/rockerstop/refundbot/storage/etcdstore"
)

// The commands that differ on the etcd backend (storage.backend: etcd):
// verify, backup and migrate. Their configuration and store live in
// internal/app (etcd.go).

// withEtcd runs fn on the etcd store when storage.backend is etcd; ok is
// false (and fn not run) on bbolt.
func withEtcd(ctx context.Context, c *cli, fn func(cfg app.Config, st *etcdstore.Store) error) (ok bool, err error) {
	cfg, _, err := c.config()
	if err != nil {
		return true, err
	}
	if !cfg.Storage.OnEtcd() {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	st, cli, err := app.OpenEtcd(ctx, cfg)
	if err != nil {
		return true, err
	}
	defer cli.Close()
	return true, fn(cfg, st)
}

// runVerifyEtcd is `verify` on the etcd backend.
func runVerifyEtcd(ctx context.Context, c *cli) (bool, error) {
	return withEtcd(ctx, c, func(cfg app.Config, st *etcdstore.Store) error {
		problems, err := app.VerifyEtcd(ctx, st)
		if err != nil {
			return err
		}
		where := fmt.Sprintf("etcd %v prefix %q", cfg.Storage.Etcd.Endpoints, cfg.Storage.Etcd.Prefix)
		if len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(c.stderr, p)
			}
			fmt.Fprintf(c.stderr, "verify: %d problem(s) in %s\n", len(problems), where)
			return errReported
		}
		_, err = fmt.Fprintf(c.stdout, "verify OK: %s\n", where)
		return err
	})
}

// runBackupEtcd is `backup` on the etcd backend: a snapshot of the
// cluster (etcd's Maintenance API) that `etcdutl snapshot restore` (or
// `etcdctl snapshot restore` on 3.4) turns into a new cluster.
func runBackupEtcd(ctx context.Context, c *cli) (bool, error) {
	out := c.flag("out")
	return withEtcd(ctx, c, func(_ app.Config, st *etcdstore.Store) error {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists; choose a new file name", out)
		}
		if err := st.Backup(ctx, out); err != nil {
			return err
		}
		info, err := os.Stat(out)
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		_, err = fmt.Fprintf(c.stdout, "etcd snapshot written to %s (%d bytes)\n", out, info.Size())
		return err
	})
}

// runMigrate is `refundbot migrate --to etcd --from FILE.db`: it copies
// the bbolt file into storage.etcd and verifies the copy. The file must
// not be in use (stop serve first: bbolt's lock says so). The copy is into an
// empty prefix, or over an earlier copy of the same file: running it
// again writes the same values and changes nothing.
func runMigrate(ctx context.Context, c *cli) error {
	if to := c.flag("to"); to != "etcd" {
		return fmt.Errorf("--to %q: only --to etcd is supported", to)
	}
	from := c.flag("from")
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("--from %s: %w", from, errors.Unwrap(err))
	}
	cfg, _, err := c.config()
	if err != nil {
		return err
	}
	if len(cfg.Storage.Etcd.Endpoints) == 0 {
		return fmt.Errorf("storage.etcd.endpoints: set the cluster to migrate to in the config")
	}
	db, err := storage.Open(from, storage.Options{DefaultRegion: cfg.Phone.DefaultRegion, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("--from %s: %w", from, err)
	}
	defer db.Close()
	var recs []etcdstore.Record
	if err := db.Walk(ctx, func(r storage.Record) error {
		recs = append(recs, etcdstore.Record(r))
		return nil
	}); err != nil {
		return err
	}
	st, cli, err := app.OpenEtcd(ctx, cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	empty, err := st.Empty(ctx)
	if err != nil {
		return err
	}
	marker := "migrated from " + from
	if !empty {
		if got, err := st.Note(ctx, "migration"); err != nil || got == "" {
			return fmt.Errorf("storage.etcd.prefix %q already holds data that no migration wrote; choose an empty prefix", cfg.Storage.Etcd.Prefix)
		}
	}
	if err := st.SetNote(ctx, "migration", marker); err != nil {
		return err
	}
	if err := st.Load(ctx, recs); err != nil {
		return fmt.Errorf("migrate: %w (run it again to finish)", err)
	}
	problems, err := app.VerifyEtcd(ctx, st)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(c.stderr, p)
		}
		return fmt.Errorf("migrate: the copy has %d problem(s)", len(problems))
	}
	_, err = fmt.Fprintf(c.stdout, "migrated %d records from %s to etcd %v prefix %q; verify OK\n",
		len(recs), from, cfg.Storage.Etcd.Endpoints, cfg.Storage.Etcd.Prefix)
	return err
}
