package conversations

import (
	"errors"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Sentinel errors, checked with errors.Is. Transports translate them into
// chat text in one place each; err.Error() never reaches a user.
var (
	ErrNotFound          = errors.New("not found")
	ErrInvalid           = errors.New("invalid input")
	ErrInsufficientFunds = errors.New("wallet would go negative")
	ErrKeyConflict       = errors.New("idempotency key reused with another amount")
	ErrLeadReserved      = errors.New("lead is in another open case")
	ErrLeadRefunded      = errors.New("lead already refunded")
	ErrLeadNotUnlocked   = errors.New("lead not unlocked by this provider")
	ErrAlreadyDecided    = errors.New("case already decided")
	ErrBadTransition     = errors.New("case cannot move to that state")
	ErrLocked            = errors.New("database is in use by another process")
	ErrSchema            = errors.New("database schema version mismatch")
	ErrStale             = errors.New("session changed since it was read")
	// ErrInboundHandled: a step names an inbound update that is already
	// marked handled (another handling of it committed first), so the
	// step commits nothing: an update is handled once.
	ErrInboundHandled = errors.New("inbound update already handled")
	// ErrOutcomeUnknown: the store could not tell whether a write
	// committed (etcd answered a commit with a timeout during a leader
	// change, or the caller's context ended while it was in flight). The
	// write may have taken effect; the caller re-reads before it says
	// anything. The store's error wraps this and the cause.
	ErrOutcomeUnknown = errors.New("outcome of the write unknown")
)

// DecidedError says who moved a case out of the expected state, and when.
// errors.Is(err, ErrAlreadyDecided) holds.
type DecidedError struct {
	CaseID string
	State  policy.State
	By     string
	At     time.Time
}

func (e *DecidedError) Error() string {
	return fmt.Sprintf("case %s already %s by %s at %s", e.CaseID, e.State, e.By, e.At.Format(time.RFC3339))
}

func (e *DecidedError) Unwrap() error { return ErrAlreadyDecided }

// LeadError says why one lead cannot enter a case.
type LeadError struct {
	LeadID string
	CaseID string // the open case or refunding case, when there is one
	Err    error  // ErrLeadReserved, ErrLeadRefunded or ErrLeadNotUnlocked
}

func (e *LeadError) Error() string {
	if e.CaseID != "" {
		return fmt.Sprintf("lead %s: %v (%s)", e.LeadID, e.Err, e.CaseID)
	}
	return fmt.Sprintf("lead %s: %v", e.LeadID, e.Err)
}

func (e *LeadError) Unwrap() error { return e.Err }
