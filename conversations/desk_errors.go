package conversations

import "errors"

// Sentinel errors of the desk service, checked with errors.Is. The Slack
// adapter turns each into an ephemeral message for the agent.
var (
	// ErrNotApprover: the agent is not one of the configured approvers.
	ErrNotApprover = errors.New("agent may not decide cases")
	// ErrSameApprover: the second approval of a two-approver case came
	// from the agent who gave the first.
	ErrSameApprover = errors.New("a second approval must come from a different approver")
)
