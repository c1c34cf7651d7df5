package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// TestMigrateVerifyBackupOnEtcd copies a bbolt file into a real etcd
// (one member of Debian's etcd-server in a child process) with `migrate
// --to etcd`, twice (the second run changes nothing), runs `verify` and
// `backup` on the etcd backend, and reads the snapshot back as the bbolt
// file etcd writes, holding the migrated records.
func TestMigrateVerifyBackupOnEtcd(t *testing.T) {
	cl, err := etcdtest.Start(t.TempDir(), 1)
	etcdtest.Need(t, err)
	defer cl.Stop()
	e := newTestEnv(t)
	e.importFile("providers", "providers.csv", providersCSV)
	e.importFile("unlocks", "unlocks.csv", unlocksCSV)
	cfg, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Replace(string(cfg), "storage:\n", "storage:\n  backend: etcd\n  etcd: {endpoints: [\""+cl.Endpoints()[0]+"\"], prefix: \"cli/\", lease_seconds: 2}\n", 1)
	etcdCfg := writeFile(t, e.dir, "etcd.yaml", lines)
	onEtcd := func(args ...string) (string, string, int) {
		return runArgs(t, e.vars, append(args, "--config", etcdCfg)...)
	}
	for range 2 {
		out, errs, code := onEtcd("migrate", "--to", "etcd", "--from", e.dbPath())
		if code != 0 || !strings.Contains(out, "verify OK") {
			t.Fatalf("migrate: exit %d\n%s%s", code, out, errs)
		}
	}
	if out, errs, code := onEtcd("verify"); code != 0 || !strings.Contains(out, "verify OK: etcd") {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := onEtcd("migrate", "--to", "postgres", "--from", e.dbPath()); code == 0 || !strings.Contains(errs, "only --to etcd") {
		t.Fatalf("migrate --to postgres: exit %d %s", code, errs)
	}
	snap := filepath.Join(e.dir, "etcd.snapshot")
	if out, errs, code := onEtcd("backup", "--out", snap); code != 0 || !strings.Contains(out, "etcd snapshot written") {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errs)
	}
	db, err := bolt.Open(snap, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the snapshot is not a bbolt file: %v", err)
	}
	defer db.Close()
	found := false
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("key"))
		if b == nil {
			t.Fatal("the snapshot has no key bucket")
		}
		return b.ForEach(func(_, v []byte) error {
			found = found || bytes.Contains(v, []byte("cli/providers/P-1"))
			return nil
		})
	})
	if err != nil || !found {
		t.Fatalf("the snapshot holds no provider P-1 (%v)", err)
	}
}
