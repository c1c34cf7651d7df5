package etcdstore

import (
	"testing"

	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestStoreContract runs the contract every store meets against etcd.
func TestStoreContract(t *testing.T) {
	storetest.Test(t, func(t *testing.T) storetest.Store { return openClean(t) })
}

// TestInboxContract runs the inbox contract against etcd.
func TestInboxContract(t *testing.T) {
	storetest.TestInbox(t, openClean(t))
}

// TestAppealContract runs the appeal contract against etcd.
func TestAppealContract(t *testing.T) {
	storetest.TestAppeal(t, openClean(t))
}
