package etcdstore

import (
	"context"
	"testing"

	"github.com/rockerstop/refundbot/conversations/storetest"
	"github.com/rockerstop/refundbot/storage"
)

// modelStore is the etcd store with storage's checks as its Verify; Close
// drops it and open makes a new Store on the same prefix.
type modelStore struct {
	*Store
	t *testing.T
}

func (m modelStore) Verify(ctx context.Context) ([]string, error) {
	return storage.VerifyRecords(ctx, records(m.t, m.Store))
}

func (m modelStore) Close() error { return nil }

// TestModel runs storage's model test (storetest.Model) on etcd: fewer
// steps than on bbolt, since each runs against a three-member cluster and
// each Verify copies the store into a scratch bbolt file.
func TestModel(t *testing.T) {
	needCluster(t)
	steps, every := 400, 20
	if testing.Short() {
		steps = 150
	}
	storetest.Model(t, storetest.ModelOptions{Seeds: []uint64{1, 2}, Steps: steps, VerifyFirst: 40, VerifyEvery: every},
		func(t *testing.T) func() storetest.ModelStore {
			s := openTest(t)
			return func() storetest.ModelStore {
				again, err := Open(context.Background(), Options{Client: sharedCli, Prefix: s.prefix, NormalizePhone: s.phone})
				must(t, err)
				return modelStore{Store: again, t: t}
			}
		})
}
