package policy

import "strconv"

// CanDecide reports whether user is one of the configured approvers
// (Slack user IDs, compared exactly). An empty user never decides.
func CanDecide(approvers []string, user string) bool {
	if user == "" {
		return false
	}
	for _, a := range approvers {
		if a == user {
			return true
		}
	}
	return false
}

// ApprovalsNeeded is how many different approvers must approve a case of
// totalCoins: 2 when the total is over policy.approval.second_approver_over_coins,
// else 1. A total exactly at the threshold needs one.
func ApprovalsNeeded(cfg Config, totalCoins int64) int {
	if totalCoins > cfg.Approval.SecondApproverOverCoins {
		return 2
	}
	return 1
}

// SecondApproverOK reports whether user may add an approval after the
// approvers in prior: nobody approves the same case twice.
func SecondApproverOK(prior []string, user string) bool {
	for _, p := range prior {
		if p == user {
			return false
		}
	}
	return true
}

// ApprovalStep is the effect of one more approval on a case.
type ApprovalStep struct {
	Have, Need int
	// Final: this approval completes the case (credit the agreed leads).
	Final bool
	// Notice, when not Final, tells the approver their approval was recorded
	// and a second is needed (KeyEphFirstApproval).
	Notice Message
}

// CheckApproval decides one approval by user of a case of totalCoins
// already approved by prior. A refusal (not an approver, or approving the
// same case twice) is returned as an agent message and changes nothing.
func CheckApproval(cfg Config, approvers []string, user string, totalCoins int64, prior []string) (ApprovalStep, *Message) {
	if !CanDecide(approvers, user) {
		return ApprovalStep{}, &Message{Key: KeyEphNotApprover}
	}
	if !SecondApproverOK(prior, user) {
		return ApprovalStep{}, &Message{Key: KeyEphSecondMustDiffer}
	}
	st := ApprovalStep{Have: len(prior) + 1, Need: ApprovalsNeeded(cfg, totalCoins)}
	st.Final = st.Have >= st.Need
	if !st.Final {
		st.Notice = Msg(KeyEphFirstApproval, "have", strconv.Itoa(st.Have), "need", strconv.Itoa(st.Need),
			"threshold", strconv.FormatInt(cfg.Approval.SecondApproverOverCoins, 10))
	}
	return st, nil
}

// AgreedLeads is the set of leads every approval approved, in the order of
// the first: with two approvers a lead is credited only if both approved
// it. No approvals means no leads.
func AgreedLeads(approvals ...[]string) []string {
	if len(approvals) == 0 {
		return nil
	}
	var out []string
	for _, lead := range approvals[0] {
		all := true
		for _, other := range approvals[1:] {
			found := false
			for _, l := range other {
				if l == lead {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			out = append(out, lead)
		}
	}
	return out
}

// OutcomeState is the final state of a case from its lead decisions:
// approved when every lead is approved, rejected when none is, partly
// approved otherwise. ok is false while any lead is pending or there are
// no leads.
func OutcomeState(decisions []LeadDecision) (s State, ok bool) {
	approved, rejected := 0, 0
	for _, d := range decisions {
		switch d {
		case LeadApproved:
			approved++
		case LeadRejected:
			rejected++
		default:
			return "", false
		}
	}
	switch {
	case approved == 0 && rejected == 0:
		return "", false
	case rejected == 0:
		return StateApproved, true
	case approved == 0:
		return StateRejected, true
	}
	return StatePartlyApproved, true
}

// RejectCode is the stable code of a rejection reason (Case.RejectReason).
type RejectCode string

const (
	RejectInsufficientEvidence RejectCode = "insufficient_evidence"
	RejectOutsideWindow        RejectCode = "outside_window"
	RejectClientReached        RejectCode = "client_reached"
	RejectLeadValid            RejectCode = "lead_valid"
	RejectDuplicateRequest     RejectCode = "duplicate_request"
	RejectOther                RejectCode = "other"
)

// RejectReason is one entry of the rejection catalogue: an English label
// for agents (a modal option) and the text shown to the provider.
type RejectReason struct {
	Code         RejectCode
	AgentLabel   Key
	ProviderText Key
	// NoteRequired: the agent must write a note (the provider text points to it).
	NoteRequired bool
}

// RejectReasons lists the rejection catalogue in modal order.
func RejectReasons() []RejectReason {
	return []RejectReason{
		{RejectInsufficientEvidence, KeyRejectLabelInsufficientEvidence, KeyRejectInsufficientEvidence, false},
		{RejectOutsideWindow, KeyRejectLabelOutsideWindow, KeyRejectOutsideWindow, false},
		{RejectClientReached, KeyRejectLabelClientReached, KeyRejectClientReached, false},
		{RejectLeadValid, KeyRejectLabelLeadValid, KeyRejectLeadValid, false},
		{RejectDuplicateRequest, KeyRejectLabelDuplicateRequest, KeyRejectDuplicateRequest, false},
		{RejectOther, KeyRejectLabelOther, KeyRejectOther, true},
	}
}

// RejectReasonByCode returns the catalogue entry of code.
func RejectReasonByCode(code RejectCode) (RejectReason, bool) {
	for _, r := range RejectReasons() {
		if r.Code == code {
			return r, true
		}
	}
	return RejectReason{}, false
}

// MaxAgentTextChars bounds an agent's note or question (Slack modal input
// max_length); the catalogue's length tests assume it.
const MaxAgentTextChars = 1000
