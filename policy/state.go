package policy

// State is the lifecycle state of a refund case. The set of states and the
// moves between them are fixed here; storage and the desk ask CanMove and
// never decide on their own.
type State string

const (
	// StateOpen: submitted, waiting for an agent.
	StateOpen State = "open"
	// StateWaitingProvider: an agent asked the provider a question.
	StateWaitingProvider State = "waiting_provider"
	// StatePendingSecond: over the coin threshold, one approval recorded,
	// waiting for a second, different approver.
	StatePendingSecond State = "pending_second"
	// StateApproved: every lead approved and credited.
	StateApproved State = "approved"
	// StatePartlyApproved: some leads approved and credited, the rest refused.
	StatePartlyApproved State = "partly_approved"
	// StateRejected: no lead credited.
	StateRejected State = "rejected"
	// StateExpired: the provider did not answer a question in time.
	StateExpired State = "expired"
	// StateWithdrawn: the provider withdrew the case before any decision.
	StateWithdrawn State = "withdrawn"
)

// States lists every state, in lifecycle order.
var States = []State{StateOpen, StateWaitingProvider, StatePendingSecond, StateApproved, StatePartlyApproved, StateRejected, StateExpired, StateWithdrawn}

// Moves is the whole table of legal moves: the states a case in from may
// move to. No other move is possible. The slice is fresh on every call.
func Moves(from State) []State {
	switch from {
	case StateOpen:
		return []State{StateWaitingProvider, StatePendingSecond, StateApproved, StatePartlyApproved, StateRejected, StateWithdrawn}
	case StateWaitingProvider:
		return []State{StateOpen, StateExpired, StatePendingSecond, StateApproved, StatePartlyApproved, StateRejected, StateWithdrawn}
	case StatePendingSecond:
		return []State{StateApproved, StatePartlyApproved, StateRejected}
	}
	return nil
}

// CanMove reports whether a case may move from one state to another.
func CanMove(from, to State) bool {
	for _, s := range Moves(from) {
		if s == to {
			return true
		}
	}
	return false
}

// Final reports whether no further move is possible from s.
func (s State) Final() bool {
	switch s {
	case StateApproved, StatePartlyApproved, StateRejected, StateExpired, StateWithdrawn:
		return true
	}
	return false
}

// Valid reports whether s is one of States.
func (s State) Valid() bool {
	for _, v := range States {
		if v == s {
			return true
		}
	}
	return false
}

// LeadDecision is an agent's decision on one lead of a case.
type LeadDecision string

const (
	LeadPending  LeadDecision = "pending"
	LeadApproved LeadDecision = "approved"
	LeadRejected LeadDecision = "rejected"
)
