package conversations

import (
	"cmp"
	"slices"
)

// Statement is the wallet's entries as a statement reads: oldest first by
// the time each happened (an unlock at its unlocked_at, an opening
// balance when it was recorded), entries of the same time in ledger
// order, and each Balance the running total in that order. The ledger's
// own order is the order of recording, so an opening balance recorded
// after an import of older unlocks comes after them here.
func (w Wallet) Statement() []Entry {
	out := slices.Clone(w.Entries)
	slices.SortStableFunc(out, func(a, b Entry) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Seq, b.Seq))
	})
	var run int64
	for i := range out {
		run += out[i].Coins
		out[i].Balance = run
	}
	return out
}
