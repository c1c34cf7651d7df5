package storage

import (
	"testing"

	"github.com/rockerstop/refundbot/conversations/storetest"
)

// TestSubmitAppealOnceAndCreditOnce runs the appeal contract on bbolt.
func TestSubmitAppealOnceAndCreditOnce(t *testing.T) {
	db, _ := openTest(t)
	storetest.TestAppeal(t, db)
	mustClean(t, db)
}
