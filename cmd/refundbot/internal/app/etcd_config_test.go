package app

import (
	"strings"
	"testing"
)

// TestEtcdConfigProblems: every problem of storage.backend and
// storage.etcd names its key; bbolt needs no etcd settings.
func TestEtcdConfigProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    StorageConfig
		want []string // keys named, in order
	}{
		{"bbolt by default", StorageConfig{}, nil},
		{"unknown backend", StorageConfig{Backend: "redis"}, []string{"storage.backend"}},
		{"etcd without endpoints", StorageConfig{Backend: "etcd"}, []string{"storage.etcd.endpoints"}},
		{"etcd, bad values", StorageConfig{Backend: "etcd", Etcd: EtcdConfig{
			Endpoints: []string{"http://127.0.0.1:2379", "127.0.0.1:2379"}, DialTimeout: "5 seconds", LeaseSeconds: 600,
			Username: "desk", TLS: EtcdTLSConfig{Cert: "/nonexistent/cert.pem"}}},
			[]string{"storage.etcd.endpoints[1]", "storage.etcd.dial_timeout", "storage.etcd.lease_seconds",
				"storage.etcd.username", "storage.etcd.tls.cert", "storage.etcd.tls.cert"}},
		{"etcd, too many leads", StorageConfig{Backend: "etcd", Etcd: EtcdConfig{Endpoints: []string{"http://127.0.0.1:2379"}}},
			[]string{"policy.max_leads_per_case"}},
		{"etcd, good", StorageConfig{Backend: "etcd", Etcd: EtcdConfig{Endpoints: []string{"https://10.0.0.1:2379"},
			DialTimeout: "5s", LeaseSeconds: 5, Username: "desk", Password: "x"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Storage = tc.s
			if tc.name == "etcd, too many leads" {
				cfg.Policy.MaxLeadsPerCase = 40
			}
			ps := etcdProblems(cfg, Source{})
			var got []string
			for _, p := range ps {
				got = append(got, p.Key)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("keys %q, want %q (problems %+v)", got, tc.want, ps)
			}
		})
	}
}
