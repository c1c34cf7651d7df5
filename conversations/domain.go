// Package conversations is refundbot's domain: providers, lead unlocks,
// wallets, refund cases and their lifecycle, the provider dialogue and the
// desk service. It declares the small interfaces it needs from storage and
// from the chat transports; it never imports an SDK or bbolt.
package conversations

import (
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Provider is a Rockerstop service provider who spends coins on leads.
type Provider struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Phone          string      `json:"phone"` // E.164, normalised by storage
	Language       policy.Lang `json:"language"`
	TelegramUserID int64       `json:"telegram_user_id,omitempty"`
	LinkedAt       time.Time   `json:"linked_at,omitempty"`
	// OpeningBalance is applied once, when the wallet is new (import only).
	OpeningBalance int64 `json:"opening_balance,omitempty"`
}

// Unlock is one lead unlocked by one provider; it debited the wallet once.
type Unlock struct {
	ProviderID string    `json:"provider_id"`
	LeadID     string    `json:"lead_id"` // upper-cased by storage
	Coins      int64     `json:"coins"`
	UnlockedAt time.Time `json:"unlocked_at"`
	Category   string    `json:"category"`
	// OpenCase is the open case that reserves this lead, if any.
	OpenCase string `json:"open_case,omitempty"`
	// RefundedIn is the case whose approval refunded this lead, if any.
	RefundedIn string `json:"refunded_in,omitempty"`
}

// EntryKind is the kind of a wallet ledger entry.
type EntryKind string

const (
	EntryOpening    EntryKind = "opening"
	EntryUnlock     EntryKind = "unlock"
	EntryRefund     EntryKind = "refund"
	EntryAdjustment EntryKind = "adjustment"
)

// Entry is one append-only ledger entry. Coins is signed: credits are
// positive, debits negative. Entries are never edited.
type Entry struct {
	Seq        uint64    `json:"seq"`
	ProviderID string    `json:"provider_id"`
	Kind       EntryKind `json:"kind"`
	Coins      int64     `json:"coins"`
	Ref        string    `json:"ref"` // lead ID, case ID or note
	Key        string    `json:"key"` // idempotency key, unique per wallet
	At         time.Time `json:"at"`
	Balance    int64     `json:"balance"` // balance after this entry
}

// Wallet is a provider's balance with its entries, oldest first.
type Wallet struct {
	ProviderID string  `json:"provider_id"`
	Balance    int64   `json:"balance"`
	Entries    []Entry `json:"entries"`
}

// Case is a refund request: RF-<n>.
type Case struct {
	ID         string            `json:"id"`
	Seq        uint64            `json:"seq"`
	ProviderID string            `json:"provider_id"`
	ChatID     int64             `json:"chat_id"` // the provider's Telegram chat
	Language   policy.Lang       `json:"language"`
	Reason     policy.ReasonCode `json:"reason"`
	Answers    map[string]string `json:"answers,omitempty"` // question ID → answer
	Leads      []CaseLead        `json:"leads"`
	Evidence   []Evidence        `json:"evidence,omitempty"`
	State      policy.State      `json:"state"`
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`
	History    []Transition      `json:"history"`
	Approvals  []Approval        `json:"approvals,omitempty"`
	// RejectReason is the catalogue code of a rejection.
	RejectReason string `json:"reject_reason,omitempty"`
	// Question is the open question of an agent while waiting_provider.
	Question string `json:"question,omitempty"`
	// CardChannel and CardTS locate the case card in Slack once posted.
	CardChannel string `json:"card_channel,omitempty"`
	CardTS      string `json:"card_ts,omitempty"`
	// Credited is the total of coins credited by this case.
	Credited int64 `json:"credited,omitempty"`
	// Failures are permanent delivery failures shown on the card.
	Failures []string `json:"failures,omitempty"`
	// Reminders counts SLA reminders sent (jobs).
	Reminders int `json:"reminders,omitempty"`
	// AppealOf is the case this case appeals; AppealedIn is the appeal made
	// of this case. A case is appealed at most once.
	AppealOf   string `json:"appeal_of,omitempty"`
	AppealedIn string `json:"appealed_in,omitempty"`
}

// TotalCoins is the sum of the coins of every lead of the case.
func (c Case) TotalCoins() int64 {
	var n int64
	for _, l := range c.Leads {
		n += l.Coins
	}
	return n
}

// CaseLead is one lead of a case with the agent's decision on it.
type CaseLead struct {
	LeadID     string              `json:"lead_id"`
	Coins      int64               `json:"coins"`
	Category   string              `json:"category"`
	UnlockedAt time.Time           `json:"unlocked_at"`
	Decision   policy.LeadDecision `json:"decision"`
}

// Transition is one move of a case in its history.
type Transition struct {
	From policy.State `json:"from"`
	To   policy.State `json:"to"`
	By   string       `json:"by"` // Slack user ID, provider ID or "system"
	At   time.Time    `json:"at"`
	Note string       `json:"note,omitempty"`
}

// Approval is one approver's approval, kept while a second is needed.
type Approval struct {
	By    string    `json:"by"`
	At    time.Time `json:"at"`
	Leads []string  `json:"leads"` // the leads this approver approved
}

// EvidenceKind is the kind of a piece of evidence.
type EvidenceKind string

const (
	EvidencePhoto    EvidenceKind = "photo"
	EvidenceDocument EvidenceKind = "document"
	EvidenceText     EvidenceKind = "text"
)

// Evidence is a screenshot, a document or a text note. Files live in
// storage.evidence_dir under their SHA-256.
type Evidence struct {
	Kind   EvidenceKind `json:"kind"`
	SHA256 string       `json:"sha256,omitempty"`
	// FileID is the file's Telegram file_id: a replica whose evidence_dir
	// lacks the file fetches it again with it (getFile), and keeps it only
	// when its SHA-256 is SHA256.
	FileID   string    `json:"file_id,omitempty"`
	FileName string    `json:"file_name,omitempty"`
	MIME     string    `json:"mime,omitempty"`
	Size     int64     `json:"size,omitempty"`
	Text     string    `json:"text,omitempty"`
	At       time.Time `json:"at"`
}
