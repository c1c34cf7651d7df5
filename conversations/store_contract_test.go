package conversations_test

import (
	"testing"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestMemStoreContract holds the dialogue and desk tests' in-memory double
// to the contract the bbolt store meets, so it cannot drift from it.
func TestMemStoreContract(t *testing.T) {
	storetest.Test(t, func(t *testing.T) storetest.Store {
		return conversations.NewMemStoreForTest().(storetest.Store)
	})
}
