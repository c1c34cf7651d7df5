package conversations

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// memStore is a hand-written in-memory store for the dialogue and desk
// tests. One mutex makes every method a transaction; a failing method
// changes nothing. The rules of a case are not copied here: SubmitCase and
// Decide call OpenCase and DecideCase, like storage, and the store
// contract (storetest, TestMemStoreContract) holds it to what bbolt does.
type memStore struct {
	mu        sync.Mutex
	providers map[string]Provider
	unlocks   map[string]Unlock // provider + "/" + lead
	wallets   map[string]*Wallet
	cases     []Case // index seq-1
	sessions  map[int64]Session
	outbox    []OutboxMessage
	inbound   map[string]bool // source/id → handled
	saved     []Inbound       // every update saved, for PendingInbound
	marks     map[string]bool
	steps     int   // SaveStep commits
	updates   int64 // the last update ID handed to a test chat
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

// RecordUnlocks records new unlocks, debiting each once; all or nothing.
func (m *memStore) RecordUnlocks(_ context.Context, us []Unlock) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	wallets := map[string]Wallet{}
	for id, w := range m.wallets {
		wallets[id] = *w
	}
	added := map[string]bool{}
	n := 0
	for _, u := range us {
		u.LeadID = NormalizeLead(u.LeadID)
		k := u.ProviderID + "/" + u.LeadID
		if _, ok := m.unlocks[k]; ok {
			continue
		}
		if _, err := m.appendEntry(Entry{ProviderID: u.ProviderID, Kind: EntryUnlock, Coins: -u.Coins, Ref: u.LeadID, Key: "unlock:" + u.LeadID, At: u.UnlockedAt}); err != nil {
			for id, w := range wallets {
				*m.wallets[id] = w
			}
			for k := range added {
				delete(m.unlocks, k)
			}
			return 0, err
		}
		m.unlocks[k] = u
		added[k] = true
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

// SubmitCase applies the same rules as every store, OpenCase.
func (m *memStore) SubmitCase(_ context.Context, nc NewCase) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.checkInbound(nc.Inbound); err != nil {
		return Case{}, err
	}
	if _, ok := m.providers[nc.ProviderID]; !ok {
		return Case{}, ErrNotFound
	}
	f := SubmitFacts{Seq: uint64(len(m.cases) + 1), Unlocks: map[string]Unlock{}}
	for _, id := range nc.LeadIDs {
		if u, ok := m.unlocks[nc.ProviderID+"/"+NormalizeLead(id)]; ok {
			f.Unlocks[u.LeadID] = u
		}
	}
	r, err := OpenCase(nc, f)
	if err != nil {
		return Case{}, err
	}
	for _, u := range r.Unlocks {
		m.unlocks[u.ProviderID+"/"+u.LeadID] = u
	}
	m.cases = append(m.cases, r.Case)
	m.enqueue(nc.At, r.Outbox)
	if nc.Session != nil {
		m.sessions[nc.Session.ChatID] = *nc.Session
	}
	if nc.Inbound != nil {
		m.inbound[inboundKey(nc.Inbound.Source, nc.Inbound.ID)] = true
	}
	return cloneCase(r.Case), nil
}

// nextUpdateID is a new Telegram update ID, unique in the store as the
// bot's are.
func (m *memStore) nextUpdateID() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.updates++
	return m.updates
}

func inboundKey(s Transport, id int64) string { return string(s) + "/" + strconv.FormatInt(id, 10) }

// checkInbound refuses a step for an update already handled, as every
// store does (storetest's InboxHandledOnce).
func (m *memStore) checkInbound(ref *InboundRef) error {
	if ref != nil && m.inbound[inboundKey(ref.Source, ref.ID)] {
		return fmt.Errorf("update %d: %w", ref.ID, ErrInboundHandled)
	}
	return nil
}

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

// Decide applies the same rules as every store, DecideCase, to the
// memory: all or nothing under the one mutex.
func (m *memStore) Decide(_ context.Context, d Decision) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.checkInbound(d.Inbound); err != nil {
		return Case{}, err
	}
	i, err := m.caseBySeqID(d.CaseID)
	if err != nil {
		return Case{}, err
	}
	c := m.cases[i]
	f := DecisionFacts{Case: c, Unlocks: map[string]Unlock{}, Balance: m.wallets[c.ProviderID].Balance}
	for _, l := range c.Leads {
		if u, ok := m.unlocks[c.ProviderID+"/"+l.LeadID]; ok {
			f.Unlocks[l.LeadID] = u
		}
	}
	r, err := DecideCase(f, d)
	if err != nil {
		return Case{}, err
	}
	saved := *m.wallets[c.ProviderID]
	saved.Entries = slices.Clone(saved.Entries)
	for _, e := range r.Entries {
		if _, err := m.appendEntry(e); err != nil {
			*m.wallets[c.ProviderID] = saved
			return Case{}, err
		}
	}
	for _, u := range r.Unlocks {
		m.unlocks[u.ProviderID+"/"+u.LeadID] = u
	}
	m.cases[i] = r.Case
	m.enqueue(d.At, r.Outbox)
	if d.Session != nil {
		m.sessions[d.Session.ChatID] = *d.Session
	}
	if d.Inbound != nil {
		m.inbound[inboundKey(d.Inbound.Source, d.Inbound.ID)] = true
	}
	return cloneCase(r.Case), nil
}

func (m *memStore) Case(_ context.Context, id string) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, err := m.caseBySeqID(id)
	if err != nil {
		return Case{}, err
	}
	return cloneCase(m.cases[i]), nil
}

func (m *memStore) Cases(_ context.Context, providerID string) ([]Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Case{}
	for i := len(m.cases) - 1; i >= 0; i-- {
		if providerID == "" || m.cases[i].ProviderID == providerID {
			out = append(out, cloneCase(m.cases[i]))
		}
	}
	return out, nil
}

func (m *memStore) OpenCases(_ context.Context) ([]Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Case{}
	for _, c := range m.cases {
		if !c.State.Final() {
			out = append(out, cloneCase(c))
		}
	}
	return out, nil
}

func (m *memStore) OpenSimilar(ctx context.Context, c Case) (OpenSimilar, error) {
	open, err := m.OpenCases(ctx)
	return OpenSimilarOf(c, open), err
}

func (m *memStore) Session(_ context.Context, chatID int64) (Session, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[chatID]
	return s, ok, nil
}

func (m *memStore) SaveStep(_ context.Context, st Step) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f := m.beforeStep; f != nil {
		m.beforeStep = nil
		f(m)
	}
	if err := m.checkInbound(st.Inbound); err != nil {
		return err
	}
	if r := st.Read; r != nil {
		now, ok := m.sessions[st.Session.ChatID]
		if ok != r.Existed || (ok && now.Nonce != r.Nonce) {
			return ErrStale
		}
	}
	if st.DeleteSession {
		delete(m.sessions, st.Session.ChatID)
	} else {
		m.sessions[st.Session.ChatID] = st.Session
	}
	m.enqueue(st.Session.UpdatedAt, st.Outbox)
	if st.Inbound != nil {
		m.inbound[inboundKey(st.Inbound.Source, st.Inbound.ID)] = true
	}
	m.steps++
	return nil
}

// DueOutbox returns each recipient's oldest pending message if it is due.
func (m *memStore) DueOutbox(_ context.Context, now time.Time, limit int) ([]OutboxMessage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []OutboxMessage{}
	seen := map[string]bool{}
	for _, msg := range m.outbox {
		k := string(msg.Transport) + "/" + msg.Recipient
		if msg.State != OutboxPending || seen[k] || (limit > 0 && len(out) >= limit) {
			continue
		}
		seen[k] = true
		if !msg.NextAt.After(now) {
			out = append(out, msg)
		}
	}
	return out, nil
}

func (m *memStore) OutboxSent(_ context.Context, id uint64, at time.Time, ref string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id == 0 || id > uint64(len(m.outbox)) {
		return ErrNotFound
	}
	msg := &m.outbox[id-1]
	msg.State, msg.NextAt, msg.Ref = OutboxSent, at, ref
	return nil
}

func (m *memStore) SaveInbound(_ context.Context, in Inbound) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := inboundKey(in.Source, in.ID)
	if _, ok := m.inbound[k]; ok {
		return false, nil
	}
	m.inbound[k] = false
	m.saved = append(m.saved, in)
	return true, nil
}

func (m *memStore) InboundDone(_ context.Context, source Transport, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inbound[inboundKey(source, id)] = true
	return nil
}

// PendingInbound lists saved updates not handled yet, in ID order.
func (m *memStore) PendingInbound(context.Context) ([]Inbound, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Inbound{}
	for _, in := range m.saved {
		if !m.inbound[inboundKey(in.Source, in.ID)] {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b Inbound) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func (m *memStore) MarkOnce(_ context.Context, key string, _ time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.marks[key] {
		return false, nil
	}
	m.marks[key] = true
	return true, nil
}

// snapshot returns the outbox so far and the number of SaveStep commits.
func (m *memStore) snapshot() ([]OutboxMessage, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.outbox), m.steps
}
