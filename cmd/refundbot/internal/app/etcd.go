package app

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

// OnEtcd reports whether storage.backend is etcd.
func (c StorageConfig) OnEtcd() bool { return c.backend() == backendEtcd }

// etcdDecisionOps is about how many writes the etcd store's largest
// decision makes: three a lead (unlock, entry, its key), one a file (the
// evidence index), and at most two dozen others (case, indexes, wallet,
// sequences, outbox records with their due index keys, session, inbox
// marker). Measured (etcdstore's TestLargestCaseFitsOneTxn): 25 leads
// and 10 files approve in 103 writes and 57 compares.
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
func etcdProblems(cfg Config, src Source) []Problem {
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

// OpenEtcd connects and opens the etcd store of cfg; close the client
// when done.
func OpenEtcd(ctx context.Context, cfg Config) (*etcdstore.Store, *clientv3.Client, error) {
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

// VerifyEtcd runs storage's invariant checks on the etcd store's records,
// and checks the etcd store's outbox due index against its pending
// messages.
func VerifyEtcd(ctx context.Context, st *etcdstore.Store) ([]string, error) {
	var recs []storage.Record
	if err := st.Walk(ctx, func(r etcdstore.Record) error {
		recs = append(recs, storage.Record(r))
		return nil
	}); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	problems, err := storage.VerifyRecords(ctx, recs)
	if err != nil {
		return nil, err
	}
	index, err := st.CheckOutboxIndex(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	return append(problems, index...), nil
}
