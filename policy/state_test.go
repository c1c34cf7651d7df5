package policy

import "testing"

// TestMovesAreExactlyTheTable enumerates every pair of states: a move is
// possible if and only if it is in this table, written out independently.
func TestMovesAreExactlyTheTable(t *testing.T) {
	legal := map[[2]State]bool{
		{StateOpen, StateWaitingProvider}:           true,
		{StateOpen, StatePendingSecond}:             true,
		{StateOpen, StateApproved}:                  true,
		{StateOpen, StatePartlyApproved}:            true,
		{StateOpen, StateRejected}:                  true,
		{StateWaitingProvider, StateOpen}:           true,
		{StateWaitingProvider, StateExpired}:        true,
		{StateWaitingProvider, StatePendingSecond}:  true,
		{StateWaitingProvider, StateApproved}:       true,
		{StateWaitingProvider, StatePartlyApproved}: true,
		{StateWaitingProvider, StateRejected}:       true,
		{StatePendingSecond, StateApproved}:         true,
		{StatePendingSecond, StatePartlyApproved}:   true,
		{StatePendingSecond, StateRejected}:         true,
		{StateOpen, StateWithdrawn}:                 true, // by the provider, before any decision
		{StateWaitingProvider, StateWithdrawn}:      true,
	}
	all := append([]State{"", "bogus"}, States...)
	n := 0
	for _, from := range all {
		for _, to := range all {
			if got := CanMove(from, to); got != legal[[2]State{from, to}] {
				t.Errorf("CanMove(%q, %q) = %v", from, to, got)
			}
			if CanMove(from, to) {
				n++
			}
		}
	}
	if n != len(legal) {
		t.Errorf("%d moves possible, table has %d", n, len(legal))
	}
}

func TestFinalStatesHaveNoMoves(t *testing.T) {
	for _, s := range States {
		if !s.Valid() {
			t.Errorf("%q not valid", s)
		}
		if s.Final() != (len(Moves(s)) == 0) {
			t.Errorf("%q: Final %v but %d moves", s, s.Final(), len(Moves(s)))
		}
	}
	if State("approve").Valid() {
		t.Error("unknown state is valid")
	}
}
