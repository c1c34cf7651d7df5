package conversations

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Decide follows the CaseStore contract: CAS on Expect, Guard, CanMove,
// per-lead decisions with one credit per newly approved lead, approval
// recorded, transition appended, reservations released when final, and
// the outbox records of Effects, all or nothing.
func (m *memStore) Decide(_ context.Context, d Decision) (Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, err := m.caseBySeqID(d.CaseID)
	if err != nil {
		return Case{}, err
	}
	c := cloneCase(m.cases[i])
	if !slices.Contains(d.Expect, c.State) {
		last := c.History[len(c.History)-1]
		return Case{}, &DecidedError{CaseID: c.ID, State: c.State, By: last.By, At: last.At}
	}
	if d.Guard != nil {
		if err := d.Guard(c); err != nil {
			return Case{}, err
		}
	}
	if !policy.CanMove(c.State, d.To) {
		return Case{}, ErrBadTransition
	}
	// Work on copies so that a failure changes nothing.
	wallet := *m.wallets[c.ProviderID]
	wallet.Entries = slices.Clone(wallet.Entries)
	saved := m.wallets[c.ProviderID]
	m.wallets[c.ProviderID] = &wallet
	restore := func() { m.wallets[c.ProviderID] = saved }
	unlocks := map[string]Unlock{}
	for li, l := range c.Leads {
		dec, ok := d.Leads[l.LeadID]
		if !ok {
			continue
		}
		if dec == policy.LeadApproved && l.Decision != policy.LeadApproved {
			if _, err := m.appendEntry(Entry{ProviderID: c.ProviderID, Kind: EntryRefund, Coins: l.Coins, Ref: c.ID,
				Key: "refund:" + c.ID + ":" + l.LeadID, At: d.At}); err != nil {
				restore()
				return Case{}, err
			}
			c.Credited += l.Coins
			u := m.unlocks[c.ProviderID+"/"+l.LeadID]
			u.RefundedIn = c.ID
			unlocks[c.ProviderID+"/"+l.LeadID] = u
		}
		c.Leads[li].Decision = dec
	}
	if d.Approval != nil {
		c.Approvals = append(c.Approvals, *d.Approval)
	}
	c.History = append(c.History, Transition{From: c.State, To: d.To, By: d.By, At: d.At, Note: d.Note})
	c.State, c.UpdatedAt = d.To, d.At
	if d.RejectReason != "" {
		c.RejectReason = d.RejectReason
	}
	c.Question = d.Question
	c.Evidence = append(c.Evidence, d.AddEvidence...)
	if d.To.Final() {
		for _, l := range c.Leads {
			k := c.ProviderID + "/" + l.LeadID
			u, ok := unlocks[k]
			if !ok {
				u = m.unlocks[k]
			}
			u.OpenCase = ""
			unlocks[k] = u
		}
	}
	var msgs []OutboxMessage
	if d.Effects != nil {
		if msgs, err = d.Effects(cloneCase(c), wallet.Balance); err != nil {
			restore()
			return Case{}, err
		}
	}
	for k, u := range unlocks {
		m.unlocks[k] = u
	}
	m.cases[i] = c
	m.enqueue(d.At, msgs)
	if d.Session != nil {
		m.sessions[d.Session.ChatID] = *d.Session
	}
	if d.Inbound != nil {
		m.inbound[inboundKey(d.Inbound.Source, d.Inbound.ID)] = true
	}
	return cloneCase(c), nil
}

func cloneCase(c Case) Case {
	c.Leads = slices.Clone(c.Leads)
	c.History = slices.Clone(c.History)
	c.Approvals = slices.Clone(c.Approvals)
	c.Evidence = slices.Clone(c.Evidence)
	return c
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
