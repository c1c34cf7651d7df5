package conversations

import (
	"testing"
	"time"
)

func TestStatementIsOldestFirstWithRunningBalance(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	w := Wallet{ProviderID: "P-1", Balance: 1330, Entries: []Entry{
		// Recorded in this order: the opening balance at import, then
		// unlocks that happened before it, then a refund.
		{Seq: 1, Kind: EntryOpening, Coins: 1500, At: t0, Balance: 1500},
		{Seq: 2, Kind: EntryUnlock, Coins: -120, Ref: "L-1", At: t0.Add(-48 * time.Hour), Balance: 1380},
		{Seq: 3, Kind: EntryUnlock, Coins: -50, Ref: "L-2", At: t0, Balance: 1330},
		{Seq: 4, Kind: EntryUnlock, Coins: -120, Ref: "L-3", At: t0.Add(-24 * time.Hour), Balance: 1210},
		{Seq: 5, Kind: EntryRefund, Coins: 120, Ref: "RF-1", At: t0.Add(time.Hour), Balance: 1330},
	}}
	got := w.Statement()
	want := []struct {
		seq     uint64
		balance int64
	}{{2, -120}, {4, -240}, {1, 1260}, {3, 1210}, {5, 1330}}
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i, e := range got {
		if e.Seq != want[i].seq || e.Balance != want[i].balance {
			t.Errorf("entry %d: seq %d balance %d, want seq %d balance %d", i, e.Seq, e.Balance, want[i].seq, want[i].balance)
		}
	}
	if got[len(got)-1].Balance != w.Balance {
		t.Errorf("the last running balance %d is not the wallet's %d", got[len(got)-1].Balance, w.Balance)
	}
	if w.Entries[0].Seq != 1 {
		t.Error("Statement reordered the wallet's own entries")
	}
}
