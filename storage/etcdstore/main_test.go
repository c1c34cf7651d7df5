package etcdstore

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/storage"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// shared is the package's three-member cluster, started once by TestMain;
// nil when the tests skip.
var (
	shared    *etcdtest.Cluster
	sharedCli *clientv3.Client
	noCluster error
	prefixes  atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "etcdstore-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	shared, noCluster = etcdtest.Start(dir, 3)
	if noCluster == nil {
		defer shared.Stop()
		sharedCli, noCluster = shared.Client()
		if noCluster == nil {
			defer sharedCli.Close()
		}
	}
	return m.Run()
}

// needCluster skips (or, with REFUNDBOT_ETCD_TESTS=1, fails) a test when
// there is no cluster.
func needCluster(t testing.TB) {
	t.Helper()
	etcdtest.Need(t, noCluster)
}

// openTest opens a store on a fresh prefix of the shared cluster: every
// test starts empty.
func openTest(t testing.TB) *Store {
	t.Helper()
	needCluster(t)
	s, err := Open(context.Background(), Options{Client: sharedCli,
		Prefix:         fmt.Sprintf("test/%d/", prefixes.Add(1)),
		NormalizePhone: func(raw string) (string, error) { return storage.NormalizePhone(raw, "IN") }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// openClean is openTest whose store must pass storage's invariant checks,
// and the due index its own, when the test ends.
func openClean(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	t.Cleanup(func() {
		problems, err := storage.VerifyRecords(context.Background(), records(t, s))
		if err != nil || len(problems) > 0 {
			t.Errorf("verify at the end: %q, %v", problems, err)
		}
		problems, err = s.CheckOutboxIndex(context.Background())
		if err != nil || len(problems) > 0 {
			t.Errorf("the outbox's due index at the end: %q, %v", problems, err)
		}
	})
	return s
}
