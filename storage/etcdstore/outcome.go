package etcdstore

import (
	"errors"
	"fmt"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
)

// refusedBeforeApply are the answers to a Txn that etcd gives only for a
// request it did not apply: it refused it before proposing it (limits,
// auth, alarms) or the client never sent it.
var refusedBeforeApply = []error{
	rpctypes.ErrNoLeader, rpctypes.ErrNotCapable, rpctypes.ErrUnhealthy, rpctypes.ErrCorrupt, rpctypes.ErrNoSpace,
	rpctypes.ErrTooManyRequests, rpctypes.ErrRequestTooLarge, rpctypes.ErrTooManyOps, rpctypes.ErrDuplicateKey,
	rpctypes.ErrPermissionDenied, rpctypes.ErrInvalidAuthToken, rpctypes.ErrAuthOldRevision, rpctypes.ErrAuthNotEnabled,
	rpctypes.ErrAuthFailed, rpctypes.ErrUserEmpty,
	clientv3.ErrNoAvailableEndpoints, ErrTooLarge,
}

// commitOutcome classifies the error of a Txn that changes something, for
// the calls whose writes it carried (commitGroups): a call its own rules
// refused wrote nothing and keeps the plain error.
// Every error but a refusal before apply leaves the outcome unknown: a
// request timed out (etcdserver's "request timed out", "possibly due to
// previous leader failure" or "connection lost"), the leader changed or
// the server stopped while it waited, the context ended or the connection
// broke after the request was sent. etcd may have applied it, or a new
// leader may still commit it from its log; the caller reads before it
// says what happened. Such errors wrap conversations.ErrOutcomeUnknown
// and the cause.
func commitOutcome(err error) error {
	if err == nil {
		return nil
	}
	norm := rpctypes.Error(err)
	for _, r := range refusedBeforeApply {
		if errors.Is(err, r) || errors.Is(norm, r) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", conversations.ErrOutcomeUnknown, err)
}
