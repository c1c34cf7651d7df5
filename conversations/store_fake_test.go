package conversations

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// memStore is a hand-written in-memory Store and StepStore for the
// dialogue and desk tests. One mutex makes every method a transaction; a
// failing method changes nothing. It follows the contract documented on
// the interfaces in store.go.
type memStore struct {
	mu        sync.Mutex
	providers map[string]Provider
	unlocks   map[string]Unlock // provider + "/" + lead
	wallets   map[string]*Wallet
	cases     []Case // index seq-1
	sessions  map[int64]Session
	outbox    []OutboxMessage
	inbound   map[string]bool // source/id → handled
	marks     map[string]bool
	steps     int // SaveStep commits
	// beforeStep, when set, runs once inside the next SaveStep, before its
	// checks: a scheduled job writing the chat between a step's read and
	// its commit.
	beforeStep func(m *memStore)
}

func newMemStore() *memStore {
	return &memStore{providers: map[string]Provider{}, unlocks: map[string]Unlock{},
		wallets: map[string]*Wallet{}, sessions: map[int64]Session{}, inbound: map[string]bool{}, marks: map[string]bool{}}
}

var (
	_ EngineStore = (*memStore)(nil)
	_ DeskStore   = (*memStore)(nil)
	_ StepStore   = (*memStore)(nil)
)

func (m *memStore) UpsertProviders(_ context.Context, ps []Provider, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range ps {
		old, ok := m.providers[p.ID]
		if ok {
			p.TelegramUserID, p.LinkedAt = old.TelegramUserID, old.LinkedAt
		}
		m.providers[p.ID] = p
		if m.wallets[p.ID] == nil {
			w := &Wallet{ProviderID: p.ID}
			m.wallets[p.ID] = w
			if p.OpeningBalance != 0 {
				m.appendEntry(Entry{ProviderID: p.ID, Kind: EntryOpening, Coins: p.OpeningBalance, Ref: "opening balance", Key: "opening", At: at})
			}
		}
	}
	return nil
}

func (m *memStore) appendEntry(e Entry) (Entry, error) {
	w := m.wallets[e.ProviderID]
	if w == nil {
		return Entry{}, ErrNotFound
	}
	for _, old := range w.Entries {
		if old.Key == e.Key {
			if old.Coins != e.Coins {
				return Entry{}, ErrKeyConflict
			}
			return old, nil
		}
	}
	if w.Balance+e.Coins < 0 {
		return Entry{}, ErrInsufficientFunds
	}
	w.Balance += e.Coins
	e.Seq, e.Balance = uint64(len(w.Entries)+1), w.Balance
	w.Entries = append(w.Entries, e)
	return e, nil
}

func (m *memStore) RecordUnlocks(_ context.Context, us []Unlock) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, u := range us {
		u.LeadID = strings.ToUpper(u.LeadID)
		k := u.ProviderID + "/" + u.LeadID
		if _, ok := m.unlocks[k]; ok {
			continue
		}
		if _, err := m.appendEntry(Entry{ProviderID: u.ProviderID, Kind: EntryUnlock, Coins: -u.Coins, Ref: u.LeadID, Key: "unlock:" + u.LeadID, At: u.UnlockedAt}); err != nil {
			return n, err
		}
		m.unlocks[k] = u
		n++
	}
	return n, nil
}

func (m *memStore) Provider(_ context.Context, id string) (Provider, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.providers[id]
	if !ok {
		return Provider{}, ErrNotFound
	}
	return p, nil
}

func (m *memStore) ProviderByPhone(_ context.Context, phone string) (Provider, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	phone = strings.TrimSpace(phone)
	if !strings.HasPrefix(phone, "+") {
		phone = "+" + phone
	}
	for _, p := range m.providers {
		if p.Phone == phone {
			return p, nil
		}
	}
	return Provider{}, ErrNotFound
}

func (m *memStore) ProviderByTelegram(_ context.Context, userID int64) (Provider, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.providers {
		if p.TelegramUserID == userID && userID != 0 {
			return p, nil
		}
	}
	return Provider{}, ErrNotFound
}

func (m *memStore) LinkTelegram(_ context.Context, providerID string, userID int64, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.providers[providerID]
	if !ok {
		return ErrNotFound
	}
	for id, o := range m.providers {
		if o.TelegramUserID == userID && id != providerID {
			o.TelegramUserID, o.LinkedAt = 0, time.Time{}
			m.providers[id] = o
		}
	}
	p.TelegramUserID, p.LinkedAt = userID, at
	m.providers[providerID] = p
	return nil
}

func (m *memStore) SetLanguage(_ context.Context, providerID string, lang policy.Lang) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.providers[providerID]
	if !ok {
		return ErrNotFound
	}
	p.Language = lang
	m.providers[providerID] = p
	return nil
}

func (m *memStore) Unlock(_ context.Context, providerID, leadID string) (Unlock, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.unlocks[providerID+"/"+strings.ToUpper(leadID)]
	if !ok {
		return Unlock{}, ErrNotFound
	}
	return u, nil
}

func (m *memStore) UnlockByLead(_ context.Context, leadID string) ([]Unlock, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Unlock{}
	for _, u := range m.unlocks {
		if u.LeadID == strings.ToUpper(leadID) {
			out = append(out, u)
		}
	}
	return out, nil
}

func (m *memStore) Unlocks(_ context.Context, providerID string) ([]Unlock, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Unlock{}
	for _, u := range m.unlocks {
		if u.ProviderID == providerID {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b Unlock) int { return strings.Compare(a.LeadID, b.LeadID) })
	return out, nil
}

func (m *memStore) Wallet(_ context.Context, providerID string) (Wallet, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := m.wallets[providerID]
	if w == nil {
		return Wallet{}, ErrNotFound
	}
	c := *w
	c.Entries = slices.Clone(w.Entries)
	return c, nil
}

func (m *memStore) Credit(_ context.Context, e Entry) (Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.appendEntry(e)
}

func (m *memStore) SubmitCase(_ context.Context, nc NewCase) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.providers[nc.ProviderID]; !ok {
		return Case{}, ErrNotFound
	}
	if len(nc.LeadIDs) == 0 || nc.Reason == "" {
		return Case{}, ErrInvalid
	}
	seq := uint64(len(m.cases) + 1)
	c := Case{ID: "RF-" + strconv.FormatUint(seq, 10), Seq: seq, ProviderID: nc.ProviderID, ChatID: nc.ChatID,
		Language: nc.Language, Reason: nc.Reason, Answers: nc.Answers, Evidence: nc.Evidence,
		State: policy.StateOpen, CreatedAt: nc.At, UpdatedAt: nc.At,
		History: []Transition{{To: policy.StateOpen, By: nc.ProviderID, At: nc.At}}}
	reserved := map[string]Unlock{}
	for _, id := range nc.LeadIDs {
		k := nc.ProviderID + "/" + strings.ToUpper(id)
		u, ok := m.unlocks[k]
		switch {
		case !ok:
			return Case{}, &LeadError{LeadID: id, Err: ErrLeadNotUnlocked}
		case u.RefundedIn != "":
			return Case{}, &LeadError{LeadID: id, CaseID: u.RefundedIn, Err: ErrLeadRefunded}
		case u.OpenCase != "":
			return Case{}, &LeadError{LeadID: id, CaseID: u.OpenCase, Err: ErrLeadReserved}
		}
		u.OpenCase = c.ID
		reserved[k] = u
		c.Leads = append(c.Leads, CaseLead{LeadID: u.LeadID, Coins: u.Coins, Category: u.Category, UnlockedAt: u.UnlockedAt, Decision: policy.LeadPending})
	}
	var msgs []OutboxMessage
	if nc.Effects != nil {
		var err error
		if msgs, err = nc.Effects(c); err != nil {
			return Case{}, err
		}
	}
	for k, u := range reserved {
		m.unlocks[k] = u
	}
	m.cases = append(m.cases, c)
	m.enqueue(nc.At, msgs)
	if nc.Session != nil {
		m.sessions[nc.Session.ChatID] = *nc.Session
	}
	if nc.Inbound != nil {
		m.inbound[inboundKey(nc.Inbound.Source, nc.Inbound.ID)] = true
	}
	return c, nil
}

func inboundKey(s Transport, id int64) string { return string(s) + "/" + strconv.FormatInt(id, 10) }

func (m *memStore) enqueue(at time.Time, msgs []OutboxMessage) {
	for _, msg := range msgs {
		msg.ID = uint64(len(m.outbox) + 1)
		msg.State, msg.CreatedAt, msg.NextAt = OutboxPending, at, at
		m.outbox = append(m.outbox, msg)
	}
}

func (m *memStore) caseBySeqID(id string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "RF-"))
	if err != nil || n < 1 || n > len(m.cases) {
		return 0, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	return n - 1, nil
}
