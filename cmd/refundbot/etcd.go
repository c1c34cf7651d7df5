package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/rockerstop/refundbot/storage"
	"github.com/rockerstop/refundbot/storage/etcdstore"
)

// The etcd backend (storage.backend: etcd): its configuration, its
// checks, and the commands that differ on it (verify, backup, migrate).

// EtcdConfig is storage.etcd.
type EtcdConfig struct {
	Endpoints    []string      `yaml:"endpoints"`
	Prefix       string        `yaml:"prefix"`
	DialTimeout  string        `yaml:"dial_timeout"`
	LeaseSeconds int           `yaml:"lease_seconds"`
	Username     string        `yaml:"username"`
	Password     string        `yaml:"password"` // REFUNDBOT_ETCD_PASSWORD
	TLS          EtcdTLSConfig `yaml:"tls"`
}

// EtcdTLSConfig is storage.etcd.tls: PEM files; all empty means plain
// connections.
type EtcdTLSConfig struct {
	CA   string `yaml:"ca"`
	Cert string `yaml:"cert"`
	Key  string `yaml:"key"`
}

// Backend names.
const (
	backendBolt = "bbolt"
	backendEtcd = "etcd"
)

// etcdDecisionOps is about how many writes the etcd store's largest
// decision makes: three a lead (unlock, entry, its key), one a file (the
// evidence index), and at most two dozen others (case, indexes, wallet,
// sequences, outbox records, session, inbox marker).
func etcdDecisionOps(leads, files int) int { return 3*leads + files + 24 }

// etcdPasswordEnv is the environment variable of storage.etcd.password.
const etcdPasswordEnv = "REFUNDBOT_ETCD_PASSWORD"

// backend is storage.backend with its default.
func (c StorageConfig) backend() string {
	if c.Backend == "" {
		return backendBolt
	}
	return c.Backend
}

// etcdProblems checks storage.backend and, on etcd, storage.etcd, each
// problem with its key.
func etcdProblems(cfg Config, src configSource) []Problem {
	c := cfg.Storage
	var ps []Problem
	bad := func(key, format string, args ...any) { ps = append(ps, src.problem(key, format, args...)) }
	switch c.backend() {
	case backendBolt:
		return nil
	case backendEtcd:
	default:
		bad("storage.backend", "want bbolt or etcd, got %q", c.Backend)
		return ps
	}
	e := c.Etcd
	if len(e.Endpoints) == 0 {
		bad("storage.etcd.endpoints", "required with storage.backend: etcd (for example [\"http://10.0.0.1:2379\", ...], one per member)")
	}
	for i, ep := range e.Endpoints {
		if u, err := url.Parse(ep); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(fmt.Sprintf("storage.etcd.endpoints[%d]", i), "want a URL such as http://127.0.0.1:2379, got %q", ep)
		}
	}
	if strings.ContainsAny(e.Prefix, "\x00") {
		bad("storage.etcd.prefix", "must not contain a NUL byte")
	}
	if d, err := time.ParseDuration(e.DialTimeout); e.DialTimeout != "" && (err != nil || d <= 0) {
		bad("storage.etcd.dial_timeout", "want a duration such as \"5s\", got %q", e.DialTimeout)
	}
	if e.LeaseSeconds < 0 || e.LeaseSeconds > 60 {
		bad("storage.etcd.lease_seconds", "want 1 to 60 seconds (0 for the default 5), got %d", e.LeaseSeconds)
	}
	if (e.Username == "") != (e.Password == "") {
		bad("storage.etcd.username", "username and password (or %s) go together", etcdPasswordEnv)
	}
	if l, f := cfg.Policy.MaxLeadsPerCase, cfg.Policy.Evidence.MaxFilesPerCase; etcdDecisionOps(l, f) > 128 {
		bad("policy.max_leads_per_case", "%d leads with %d files a case (evidence.max_files_per_case) make a decision of about %d writes, over the 128 operations of an etcd transaction (storage.backend: etcd); lower either",
			l, f, etcdDecisionOps(l, f))
	}
	if (e.TLS.Cert == "") != (e.TLS.Key == "") {
		bad("storage.etcd.tls.cert", "cert and key go together")
	}
	for _, kv := range [][2]string{{"storage.etcd.tls.ca", e.TLS.CA}, {"storage.etcd.tls.cert", e.TLS.Cert}, {"storage.etcd.tls.key", e.TLS.Key}} {
		if kv[1] == "" {
			continue
		}
		if _, err := os.Stat(kv[1]); err != nil {
			bad(kv[0], "cannot read %s: %v", kv[1], errors.Unwrap(err))
		}
	}
	return ps
}

// dialEtcd connects to storage.etcd.
func dialEtcd(e EtcdConfig) (*clientv3.Client, error) {
	timeout := 5 * time.Second
	if d, err := time.ParseDuration(e.DialTimeout); err == nil && d > 0 {
		timeout = d
	}
	cfg := clientv3.Config{Endpoints: e.Endpoints, DialTimeout: timeout, Username: e.Username, Password: e.Password,
		Logger: zap.NewNop()}
	if e.TLS.CA != "" || e.TLS.Cert != "" {
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if e.TLS.CA != "" {
			pem, err := os.ReadFile(e.TLS.CA)
			if err != nil {
				return nil, fmt.Errorf("storage.etcd.tls.ca: %w", err)
			}
			tc.RootCAs = x509.NewCertPool()
			if !tc.RootCAs.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("storage.etcd.tls.ca: no PEM certificate in %s", e.TLS.CA)
			}
		}
		if e.TLS.Cert != "" {
			cert, err := tls.LoadX509KeyPair(e.TLS.Cert, e.TLS.Key)
			if err != nil {
				return nil, fmt.Errorf("storage.etcd.tls.cert: %w", err)
			}
			tc.Certificates = []tls.Certificate{cert}
		}
		cfg.TLS = tc
	}
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to etcd %v: %w", e.Endpoints, err)
	}
	return cli, nil
}

// openEtcd connects and opens the etcd store of cfg; close the client
// when done.
func openEtcd(ctx context.Context, cfg Config) (*etcdstore.Store, *clientv3.Client, error) {
	cli, err := dialEtcd(cfg.Storage.Etcd)
	if err != nil {
		return nil, nil, err
	}
	region := cfg.Phone.DefaultRegion
	st, err := etcdstore.Open(ctx, etcdstore.Options{Client: cli, Prefix: cfg.Storage.Etcd.Prefix,
		NormalizePhone: func(raw string) (string, error) { return storage.NormalizePhone(raw, region) }})
	if err != nil {
		_ = cli.Close()
		return nil, nil, fmt.Errorf("etcd store at %v: %w", cfg.Storage.Etcd.Endpoints, err)
	}
	return st, cli, nil
}

// withEtcd runs fn on the etcd store when storage.backend is etcd; ok is
// false (and fn not run) on bbolt.
func withEtcd(ctx context.Context, c *cli, fn func(cfg Config, st *etcdstore.Store) error) (ok bool, err error) {
	cfg, _, err := c.config()
	if err != nil {
		return true, err
	}
	if cfg.Storage.backend() != backendEtcd {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	st, cli, err := openEtcd(ctx, cfg)
	if err != nil {
		return true, err
	}
	defer cli.Close()
	return true, fn(cfg, st)
}

// verifyEtcd runs storage's invariant checks on the etcd store's records.
func verifyEtcd(ctx context.Context, st *etcdstore.Store) ([]string, error) {
	var recs []storage.Record
	if err := st.Walk(ctx, func(r etcdstore.Record) error {
		recs = append(recs, storage.Record(r))
		return nil
	}); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	return storage.VerifyRecords(ctx, recs)
}

// runVerifyEtcd is `verify` on the etcd backend.
func runVerifyEtcd(ctx context.Context, c *cli) (bool, error) {
	return withEtcd(ctx, c, func(cfg Config, st *etcdstore.Store) error {
		problems, err := verifyEtcd(ctx, st)
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
	return withEtcd(ctx, c, func(_ Config, st *etcdstore.Store) error {
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
	if to := c.flag("to"); to != backendEtcd {
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
	st, cli, err := openEtcd(ctx, cfg)
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
	problems, err := verifyEtcd(ctx, st)
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
