package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"

	"github.com/rockerstop/refundbot/conversations"
)

// TestCommitOutcome: a commit refused before etcd applied it keeps its
// error; every other failure (a timeout in a leader change, the context's
// deadline, a broken connection) may have committed and says so.
func TestCommitOutcome(t *testing.T) {
	for _, tt := range []struct {
		err     error
		unknown bool
	}{
		{rpctypes.ErrTimeoutDueToLeaderFail, true},
		{rpctypes.ErrGRPCTimeoutDueToLeaderFail, true}, // as the wire gives it
		{rpctypes.ErrTimeout, true},
		{rpctypes.ErrTimeoutDueToConnectionLost, true},
		{rpctypes.ErrLeaderChanged, true},
		{rpctypes.ErrStopped, true},
		{context.DeadlineExceeded, true},
		{fmt.Errorf("rpc: %w", context.Canceled), true},
		{errors.New("rpc error: code = Unavailable desc = error reading from server: EOF"), true},
		{rpctypes.ErrNoLeader, false},
		{rpctypes.ErrGRPCNoLeader, false},
		{rpctypes.ErrTooManyOps, false},
		{rpctypes.ErrRequestTooLarge, false},
		{rpctypes.ErrNoSpace, false},
		{rpctypes.ErrPermissionDenied, false},
		{fmt.Errorf("commit: 200 writes: %w", ErrTooLarge), false},
	} {
		got := commitOutcome(tt.err)
		if errors.Is(got, conversations.ErrOutcomeUnknown) != tt.unknown || !errors.Is(got, tt.err) {
			t.Errorf("commitOutcome(%v) = %v; want unknown %v, wrapping the cause", tt.err, got, tt.unknown)
		}
	}
	if commitOutcome(nil) != nil {
		t.Error("commitOutcome(nil) is not nil")
	}
}
