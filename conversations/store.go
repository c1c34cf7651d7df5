package conversations

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// NewCase is what the dialogue hands to storage on Submit.
type NewCase struct {
	ProviderID string
	ChatID     int64
	Language   policy.Lang
	Reason     policy.ReasonCode
	Answers    map[string]string
	LeadIDs    []string
	Evidence   []Evidence
	At         time.Time
	// Effects builds the outbox records committed with the case (the Slack
	// card, the provider's confirmation). It is pure and sees the case with
	// its ID assigned.
	Effects func(c Case) ([]OutboxMessage, error)
	// Session, when set, is saved in the same transaction (the dialogue's
	// state after submit), so a crash cannot leave a submitted draft.
	Session *Session
	// Inbound, when set, is marked handled in the same transaction.
	Inbound *InboundRef
	// AppealOf, when set, makes the case the appeal of that case.
	AppealOf string
}

// Inbound is a raw update from a chat API, saved before it counts as handled.
type Inbound struct {
	Source   Transport       `json:"source"`
	ID       int64           `json:"id"` // Telegram update_id
	ChatID   int64           `json:"chat_id"`
	Raw      json.RawMessage `json:"raw"`
	Received time.Time       `json:"received"`
}

// Session is one provider conversation's persisted state, keyed by chat.
// The dialogue owns its fields; storage stores it as JSON.
type Session struct {
	ChatID     int64       `json:"chat_id"`
	UserID     int64       `json:"user_id"`
	ProviderID string      `json:"provider_id,omitempty"`
	Language   policy.Lang `json:"language,omitempty"`
	Step       string      `json:"step"`
	// Nonce changes at every step; button data carries it so that a button
	// from an old message is recognised as stale.
	Nonce     uint32    `json:"nonce"`
	Draft     Draft     `json:"draft"`
	UpdatedAt time.Time `json:"updated_at"`
	Reminded  bool      `json:"reminded,omitempty"`
	// RemindedAt is when the draft-expiry job reminded the provider; a
	// reminder counts only for the idle spell it was sent in (RemindedAt
	// not before UpdatedAt), so a provider who comes back and goes idle
	// again is reminded again.
	RemindedAt time.Time `json:"reminded_at,omitzero"`
	// MessageID is the bot's last keyboard message, edited in place.
	MessageID int `json:"message_id,omitempty"`
	// AnsweringCase is set while the provider answers an agent's question.
	AnsweringCase string `json:"answering_case,omitempty"`
	// PendingLead is the lead a deep link asked to refund while the sender
	// was not linked yet: the refund goes on with it once they link.
	PendingLead string `json:"pending_lead,omitempty"`
	// AppealCase is the case being appealed while the provider writes it.
	AppealCase string `json:"appeal_case,omitempty"`
}

// Draft is a case being written.
type Draft struct {
	Reason   policy.ReasonCode `json:"reason,omitempty"`
	Answers  map[string]string `json:"answers,omitempty"`
	LeadIDs  []string          `json:"lead_ids,omitempty"`
	Evidence []Evidence        `json:"evidence,omitempty"`
	// Coins holds the coins of each accepted lead, for the summary.
	Coins map[string]int64 `json:"coins,omitempty"`
	// Unlocked holds when each accepted lead was unlocked, so a lead taken
	// before the reason was chosen (a deep link) is checked again against
	// the reason's minimum wait.
	Unlocked map[string]time.Time `json:"unlocked,omitempty"`
	// Editing: the provider is changing one part from the summary and
	// returns to it when that part is done.
	Editing bool `json:"editing,omitempty"`
}

// The interfaces below are what storage offers, grouped by concern; each
// consumer declares the few methods it uses (EngineStore, DeskStore,
// JobStore, RowStore, bot's senders and readers) and *storage.DB asserts
// every one at compile time. All methods are safe for concurrent use.

// EngineStore is what the dialogue engine reads and writes besides its
// steps (StepStore).
type EngineStore interface {
	ProviderByPhone(ctx context.Context, phone string) (Provider, error)
	ProviderByTelegram(ctx context.Context, userID int64) (Provider, error)
	LinkTelegram(ctx context.Context, providerID string, userID int64, at time.Time) error
	SetLanguage(ctx context.Context, providerID string, lang policy.Lang) error
	Unlock(ctx context.Context, providerID, leadID string) (Unlock, error)
	UnlockByLead(ctx context.Context, leadID string) ([]Unlock, error)
	// Unlocks lists the provider's unlocks (the lead buttons).
	Unlocks(ctx context.Context, providerID string) ([]Unlock, error)
	Wallet(ctx context.Context, providerID string) (Wallet, error)
	Session(ctx context.Context, chatID int64) (Session, bool, error)
	Cases(ctx context.Context, providerID string) ([]Case, error)
	SubmitCase(ctx context.Context, nc NewCase) (Case, error)
	Decide(ctx context.Context, d Decision) (Case, error)
	InboundDone(ctx context.Context, source Transport, id int64) error
	// PendingInbound tells whether a step whose commit was unconfirmed
	// marked its update handled (dialogue_settle.go).
	PendingInbound(ctx context.Context) ([]Inbound, error)
}

// ProviderStore holds providers and their lead unlocks.
type ProviderStore interface {
	// UpsertProviders writes providers; the opening balance is applied once,
	// when the wallet is new. All or nothing.
	UpsertProviders(ctx context.Context, ps []Provider, at time.Time) error
	// RecordUnlocks records unlocks once per provider and lead, debiting the
	// wallet once each; it returns how many were new. All or nothing.
	RecordUnlocks(ctx context.Context, us []Unlock) (int, error)
	Provider(ctx context.Context, id string) (Provider, error)
	// ProviderByPhone normalises phone to E.164 and looks it up.
	ProviderByPhone(ctx context.Context, phone string) (Provider, error)
	ProviderByTelegram(ctx context.Context, userID int64) (Provider, error)
	// LinkTelegram links a Telegram user to a provider, unlinking whatever
	// account was linked to that provider before.
	LinkTelegram(ctx context.Context, providerID string, userID int64, at time.Time) error
	SetLanguage(ctx context.Context, providerID string, lang policy.Lang) error
	Unlock(ctx context.Context, providerID, leadID string) (Unlock, error)
	// UnlockByLead finds any provider's unlock of a lead (to tell "not yours").
	UnlockByLead(ctx context.Context, leadID string) ([]Unlock, error)
	Unlocks(ctx context.Context, providerID string) ([]Unlock, error)
}

// WalletStore is the append-only ledger.
type WalletStore interface {
	Wallet(ctx context.Context, providerID string) (Wallet, error)
	// Credit appends an entry (coins may be negative for a debit). The same
	// key and amount again returns the original entry and changes nothing;
	// the same key with another amount is ErrKeyConflict.
	Credit(ctx context.Context, e Entry) (Entry, error)
}

// CaseStore holds cases.
type CaseStore interface {
	// SubmitCase reads what OpenCase needs, calls it and writes its result
	// with nc.Session and nc.Inbound, in one transaction.
	SubmitCase(ctx context.Context, nc NewCase) (Case, error)
	// Decide reads what DecideCase needs, calls it and writes its result
	// with d.Session and d.Inbound, in one transaction. It may run
	// DecideCase more than once; exactly one result is written.
	Decide(ctx context.Context, d Decision) (Case, error)
	Case(ctx context.Context, id string) (Case, error)
	// Cases lists cases, newest first; provider "" means all.
	Cases(ctx context.Context, providerID string) ([]Case, error)
	// OpenCases lists cases that are not final, oldest first.
	OpenCases(ctx context.Context) ([]Case, error)
	SetCard(ctx context.Context, caseID, channel, ts string) error
}

// SessionStore persists conversations so a restart resumes them.
type SessionStore interface {
	Session(ctx context.Context, chatID int64) (Session, bool, error)
	SaveSession(ctx context.Context, s Session) error
	DeleteSession(ctx context.Context, chatID int64) error
	Sessions(ctx context.Context) ([]Session, error)
}

// OutboxStore is the queue of messages to deliver.
type OutboxStore interface {
	Enqueue(ctx context.Context, msgs ...OutboxMessage) error
	// DueOutbox returns, for each recipient, its oldest pending message if
	// that message is due at now, oldest first, at most limit.
	DueOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxMessage, error)
	OutboxSent(ctx context.Context, id uint64, at time.Time, ref string) error
	OutboxRetry(ctx context.Context, id uint64, next time.Time, errText string) error
	// OutboxAttempt records, before a send that cannot be repeated safely,
	// that one starts at at (OutboxMessage.Attempted, kept from the first
	// attempt on). A message no longer pending is left alone.
	OutboxAttempt(ctx context.Context, id uint64, at time.Time) error
	// OutboxFailed records a permanent failure; a case's failure is added to
	// Case.Failures in the same transaction.
	OutboxFailed(ctx context.Context, id uint64, at time.Time, errText string) error
	OutboxStats(ctx context.Context, now time.Time) (depth int, oldest time.Duration, err error)
}

// InboxStore saves inbound updates before they count as handled.
type InboxStore interface {
	// SaveInbound saves an update unless its (Source, ID) was seen before;
	// fresh is false for a duplicate.
	SaveInbound(ctx context.Context, in Inbound) (fresh bool, err error)
	// InboundDone marks an update handled (the marker stays for dedup).
	// An update that causes a step is marked by the step's own commit
	// (Step.Inbound); this is for the updates no step committed.
	InboundDone(ctx context.Context, source Transport, id int64) error
	// PendingInbound lists saved updates not yet handled, in ID order.
	PendingInbound(ctx context.Context) ([]Inbound, error)
	// MarkOnce records key; first is false if it was recorded before.
	MarkOnce(ctx context.Context, key string, at time.Time) (first bool, err error)
}

// Step is everything one dialogue step writes, committed together: the
// new session (or its deletion), the replies to send, and the inbound
// update it handled.
type Step struct {
	Session       Session
	DeleteSession bool
	Outbox        []OutboxMessage
	// Inbound, when set, is marked handled in the same transaction.
	Inbound *InboundRef
	// Read, when set, says what session the step was computed from; the
	// step commits only if the chat's stored session is still that one,
	// else ErrStale: a scheduled job (a dropped draft) wrote it meanwhile.
	Read *SessionRead
}

// SessionRead is what a step read of its chat's session: whether one was
// stored, and its nonce (which every change that matters moves on).
type SessionRead struct {
	Existed bool
	Nonce   uint32
}

// InboundRef names a saved inbound update.
type InboundRef struct {
	Source Transport
	ID     int64
}

// StepStore commits dialogue steps atomically. It may group concurrent
// steps into one commit (the function has no effect outside the store).
type StepStore interface {
	SaveStep(ctx context.Context, st Step) error
}
