package conversations

import (
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// WalletDoc is the JSON document of a wallet in DESIGN.md: what
// `refundbot wallet show --json` prints and GET /api/v1/wallets/{id}
// answers. Both build it with WalletJSON, so they cannot drift apart.
type WalletDoc struct {
	ProviderID string     `json:"provider_id"`
	Balance    int64      `json:"balance"`
	Entries    []EntryDoc `json:"entries"`
}

// EntryDoc is one ledger entry of a WalletDoc.
type EntryDoc struct {
	Kind  EntryKind `json:"kind"`
	Coins int64     `json:"coins"`
	Ref   string    `json:"ref"`
	At    time.Time `json:"at"`
}

// CaseDoc is the JSON document of a case in DESIGN.md: what
// `refundbot case show --json` prints and GET /api/v1/cases/{id} answers.
type CaseDoc struct {
	CaseID     string            `json:"case_id"`
	ProviderID string            `json:"provider_id"`
	Reason     policy.ReasonCode `json:"reason"`
	State      policy.State      `json:"state"`
	Leads      []CaseLeadDoc     `json:"leads"`
	History    []Transition      `json:"history"`
	// AppealOf is the case an appeal appeals.
	AppealOf string `json:"appeal_of,omitempty"`
}

// CaseLeadDoc is one lead of a CaseDoc with its decision.
type CaseLeadDoc struct {
	LeadID   string              `json:"lead_id"`
	Coins    int64               `json:"coins"`
	Decision policy.LeadDecision `json:"decision"`
}

// WalletJSON returns the document of w: entries oldest first, times in
// UTC, an empty wallet with "entries": [] rather than null.
func WalletJSON(w Wallet) WalletDoc {
	out := WalletDoc{ProviderID: w.ProviderID, Balance: w.Balance, Entries: make([]EntryDoc, 0, len(w.Entries))}
	for _, e := range w.Statement() {
		out.Entries = append(out.Entries, EntryDoc{Kind: e.Kind, Coins: e.Coins, Ref: e.Ref, At: e.At.UTC()})
	}
	return out
}

// CaseJSON returns the document of c: times in UTC, empty lists as [].
func CaseJSON(c Case) CaseDoc {
	out := CaseDoc{CaseID: c.ID, ProviderID: c.ProviderID, Reason: c.Reason, State: c.State,
		Leads: make([]CaseLeadDoc, 0, len(c.Leads)), History: make([]Transition, 0, len(c.History)), AppealOf: c.AppealOf}
	for _, l := range c.Leads {
		out.Leads = append(out.Leads, CaseLeadDoc{LeadID: l.LeadID, Coins: l.Coins, Decision: l.Decision})
	}
	for _, t := range c.History {
		t.At = t.At.UTC()
		out.History = append(out.History, t)
	}
	return out
}
