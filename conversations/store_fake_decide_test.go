package conversations

import (
	"context"
	"errors"
	"slices"
	"time"
)

// Decide applies the same rules as every store, DecideCase, to the
// memory: all or nothing under the one mutex.
func (m *memStore) Decide(_ context.Context, d Decision) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
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

func (m *memStore) SetCard(_ context.Context, caseID, channel, ts string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, err := m.caseBySeqID(caseID)
	if err != nil {
		return err
	}
	m.cases[i].CardChannel, m.cases[i].CardTS = channel, ts
	return nil
}

func (m *memStore) Session(_ context.Context, chatID int64) (Session, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[chatID]
	return s, ok, nil
}

func (m *memStore) SaveSession(_ context.Context, s Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sessions[s.ChatID] = s
	return nil
}

func (m *memStore) DeleteSession(_ context.Context, chatID int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, chatID)
	return nil
}

func (m *memStore) Sessions(_ context.Context) ([]Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []Session{}
	for _, s := range m.sessions {
		out = append(out, s)
	}
	return out, nil
}

func (m *memStore) SaveStep(_ context.Context, st Step) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f := m.beforeStep; f != nil {
		m.beforeStep = nil
		f(m)
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

func (m *memStore) Enqueue(_ context.Context, msgs ...OutboxMessage) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.enqueue(time.Time{}, msgs)
	return nil
}

func (m *memStore) DueOutbox(context.Context, time.Time, int) ([]OutboxMessage, error) {
	return nil, errors.New("memStore: DueOutbox not used by these tests")
}
func (m *memStore) OutboxSent(context.Context, uint64, time.Time, string) error { return nil }
func (m *memStore) OutboxRetry(context.Context, uint64, time.Time, string) error {
	return nil
}
func (m *memStore) OutboxFailed(context.Context, uint64, time.Time, string) error {
	return nil
}
func (m *memStore) OutboxStats(context.Context, time.Time) (int, time.Duration, error) {
	return len(m.outbox), 0, nil
}

func (m *memStore) SaveInbound(_ context.Context, in Inbound) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := inboundKey(in.Source, in.ID)
	if _, ok := m.inbound[k]; ok {
		return false, nil
	}
	m.inbound[k] = false
	return true, nil
}

func (m *memStore) InboundDone(_ context.Context, source Transport, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inbound[inboundKey(source, id)] = true
	return nil
}

func (m *memStore) PendingInbound(context.Context) ([]Inbound, error) { return nil, nil }

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
