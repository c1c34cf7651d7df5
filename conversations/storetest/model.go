package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// The model: what the store must hold, kept with plain maps.
type (
	mUnlock struct {
		coins          int64
		at             time.Time
		open, refunded string
	}
	mCase struct {
		prov  string
		leads []string
		state policy.State
	}
	model struct {
		balance map[string]int64
		keys    map[string]int64 // provider 0 key → coins
		unlocks map[string]*mUnlock
		cases   map[string]*mCase
		nCases  int
	}
)

func ukey(p, l string) string { return p + "/" + l }

// ModelStore is what the model test drives: the money path, reading
// enough to compare, the store's invariant checks, and Close (the test
// reopens the store now and then, to prove that nothing lives only in
// memory).
type ModelStore interface {
	UpsertProviders(ctx context.Context, ps []conversations.Provider, at time.Time) error
	RecordUnlocks(ctx context.Context, us []conversations.Unlock) (int, error)
	Credit(ctx context.Context, e conversations.Entry) (conversations.Entry, error)
	SubmitCase(ctx context.Context, nc conversations.NewCase) (conversations.Case, error)
	Decide(ctx context.Context, d conversations.Decision) (conversations.Case, error)
	Wallet(ctx context.Context, providerID string) (conversations.Wallet, error)
	Unlocks(ctx context.Context, providerID string) ([]conversations.Unlock, error)
	Cases(ctx context.Context, providerID string) ([]conversations.Case, error)
	// Verify returns every broken invariant (storage.DB.Verify).
	Verify(ctx context.Context) ([]string, error)
	Close() error
}

// ModelOptions size a model run.
type ModelOptions struct {
	Seeds []uint64 // one subtest each
	Steps int      // random operations per seed
	// Verify runs after every step below VerifyFirst (200 when 0), then
	// after every VerifyEvery-th step and the last; Verify scans the
	// whole store, so after every one of thousands of steps it would be
	// quadratic.
	VerifyFirst, VerifyEvery int
}

// Model runs random operation sequences against the store that open
// returns (a fresh one per seed; open is called again on the same store
// after a Close) and an in-memory model, and after every step compares
// the outcome, balances, case states and reservations, and runs Verify
// as ModelOptions say.
func Model(t *testing.T, o ModelOptions, fresh func(t *testing.T) (open func() ModelStore)) {
	for _, s := range o.Seeds {
		t.Run(fmt.Sprint("seed", s), func(t *testing.T) { runModel(t, s, o, fresh(t)) })
	}
}

func runModel(t *testing.T, seed uint64, o ModelOptions, open func() ModelStore) {
	ctx := context.Background()
	steps := o.Steps
	db := open()
	defer func() { _ = db.Close() }()
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	m := &model{balance: map[string]int64{}, keys: map[string]int64{}, unlocks: map[string]*mUnlock{}, cases: map[string]*mCase{}}
	provs := []string{"P1", "P2", "P3", "P4"}
	lead := func() string { return fmt.Sprintf("L%d", rng.IntN(30)) }
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	okCount := map[string]int{}
	defer func() { t.Logf("successful operations: %v", okCount) }()
	for step := 0; step < steps; step++ {
		at = at.Add(time.Minute)
		var desc string
		var err, want error
		switch op := rng.IntN(100); {
		case op < 5:
			i := rng.IntN(len(provs))
			p, opening := provs[i], int64(rng.IntN(1000))
			desc = fmt.Sprintf("upsert %s opening %d", p, opening)
			err = db.UpsertProviders(ctx, []conversations.Provider{{ID: p, Name: p, Phone: fmt.Sprintf("+9198765%05d", i+1), OpeningBalance: opening}}, at)
			if _, ok := m.balance[p]; !ok {
				m.balance[p] = opening
				if opening > 0 {
					m.keys[p+"\x00opening:"+p] = opening
				}
			}
		case op < 30:
			var us []conversations.Unlock
			for n := 1 + rng.IntN(3); n > 0; n-- {
				p, l := provs[rng.IntN(len(provs))], lead()
				u := conversations.Unlock{ProviderID: p, LeadID: l, Coins: int64(10 + rng.IntN(190)), UnlockedAt: at, Category: "c"}
				if old, ok := m.unlocks[ukey(p, l)]; ok && rng.IntN(10) > 0 {
					u.Coins, u.UnlockedAt = old.coins, old.at
				}
				us = append(us, u)
			}
			desc = fmt.Sprintf("unlocks %+v", us)
			var n, wantN int
			n, err = db.RecordUnlocks(ctx, us)
			wantN, want = m.recordUnlocks(us)
			if err == nil && n != wantN {
				t.Fatalf("step %d %s: %d new, model %d", step, desc, n, wantN)
			}
		case op < 45:
			p := provs[rng.IntN(len(provs))]
			e := conversations.Entry{ProviderID: p, Kind: conversations.EntryAdjustment, Key: fmt.Sprint("adj:", rng.IntN(40)),
				Coins: int64(rng.IntN(400) - 150), At: at}
			if prev, ok := m.keys[p+"\x00"+e.Key]; ok && rng.IntN(3) > 0 {
				e.Coins = prev // a replay
			}
			if e.Coins == 0 {
				e.Coins = 1
			}
			desc = fmt.Sprintf("credit %+v", e)
			_, err = db.Credit(ctx, e)
			want = m.credit(e)
		case op < 70:
			p := provs[rng.IntN(len(provs))]
			free := m.freeLeads(p)
			pick := func() string {
				if len(free) > 0 && rng.IntN(10) < 8 {
					return free[rng.IntN(len(free))]
				}
				return lead()
			}
			leads := []string{pick()}
			for rng.IntN(2) == 0 && len(leads) < 3 {
				leads = append(leads, pick())
			}
			desc = fmt.Sprintf("submit %s %v", p, leads)
			var c conversations.Case
			c, err = db.SubmitCase(ctx, conversations.NewCase{ProviderID: p, Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: at})
			var wantID string
			wantID, want = m.submit(p, leads)
			if err == nil && c.ID != wantID {
				t.Fatalf("step %d %s: got %s, model %s", step, desc, c.ID, wantID)
			}
		case op < 97:
			if m.nCases == 0 {
				continue
			}
			d := m.randomDecision(rng, at)
			desc = fmt.Sprintf("decide %s %v→%s leads %v", d.CaseID, d.Expect, d.To, d.Leads)
			_, err = db.Decide(ctx, d)
			want = m.decide(d)
		default:
			desc = "reopen"
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db = open()
		}
		if err == nil && desc != "" {
			okCount[strings.Fields(desc)[0]]++
		}
		if !sameOutcome(err, want) {
			t.Fatalf("step %d %s: store %v, model %v", step, desc, err, want)
		}
		m.compare(t, db, step, desc, step < cmp.Or(o.VerifyFirst, 200) || step%max(o.VerifyEvery, 1) == 0 || step == steps-1)
	}
}

// sameOutcome: both succeed, or both fail with the same sentinel.
func sameOutcome(got, want error) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	for _, s := range []error{conversations.ErrNotFound, conversations.ErrInvalid, conversations.ErrInsufficientFunds,
		conversations.ErrKeyConflict, conversations.ErrLeadReserved, conversations.ErrLeadRefunded,
		conversations.ErrLeadNotUnlocked, conversations.ErrAlreadyDecided, conversations.ErrBadTransition} {
		if errors.Is(want, s) {
			return errors.Is(got, s)
		}
	}
	return false
}

func (m *model) compare(t *testing.T, db ModelStore, step int, desc string, verify bool) {
	t.Helper()
	ctx := context.Background()
	for p, bal := range m.balance {
		w, err := db.Wallet(ctx, p)
		if err != nil || w.Balance != bal {
			t.Fatalf("step %d %s: wallet %s = %d %v, model %d", step, desc, p, w.Balance, err, bal)
		}
		us, _ := db.Unlocks(ctx, p)
		n := 0
		for _, u := range us {
			mu := m.unlocks[ukey(p, u.LeadID)]
			if mu == nil || mu.open != u.OpenCase || mu.refunded != u.RefundedIn {
				t.Fatalf("step %d %s: unlock %s/%s %+v, model %+v", step, desc, p, u.LeadID, u, mu)
			}
			n++
		}
		for k := range m.unlocks {
			if k[:len(p)+1] == p+"/" {
				n--
			}
		}
		if n != 0 {
			t.Fatalf("step %d %s: %s has %d unlocks more than the model", step, desc, p, n)
		}
	}
	cases, _ := db.Cases(ctx, "")
	if len(cases) != len(m.cases) {
		t.Fatalf("step %d %s: %d cases, model %d", step, desc, len(cases), len(m.cases))
	}
	for _, c := range cases {
		if mc := m.cases[c.ID]; mc == nil || mc.state != c.State {
			t.Fatalf("step %d %s: case %s is %s, model %+v", step, desc, c.ID, c.State, mc)
		}
	}
	if !verify {
		return
	}
	problems, err := db.Verify(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("step %d %s: verify %v %q", step, desc, err, problems)
	}
}

func (m *model) recordUnlocks(us []conversations.Unlock) (int, error) {
	bal := maps(m.balance)
	added := map[string]*mUnlock{}
	for _, u := range us {
		k := ukey(u.ProviderID, u.LeadID)
		if _, ok := bal[u.ProviderID]; !ok {
			return 0, conversations.ErrNotFound
		}
		old := m.unlocks[k]
		if old == nil {
			old = added[k]
		}
		if old != nil {
			if old.coins != u.Coins || !old.at.Equal(u.UnlockedAt) {
				return 0, conversations.ErrKeyConflict
			}
			continue
		}
		if bal[u.ProviderID] < u.Coins {
			return 0, conversations.ErrInsufficientFunds
		}
		bal[u.ProviderID] -= u.Coins
		added[k] = &mUnlock{coins: u.Coins, at: u.UnlockedAt}
	}
	m.balance = bal
	for k, u := range added {
		m.unlocks[k] = u
	}
	return len(added), nil
}

func (m *model) credit(e conversations.Entry) error {
	bal, ok := m.balance[e.ProviderID]
	if !ok {
		return conversations.ErrNotFound
	}
	if c, ok := m.keys[e.ProviderID+"\x00"+e.Key]; ok {
		if c != e.Coins {
			return conversations.ErrKeyConflict
		}
		return nil
	}
	if bal+e.Coins < 0 {
		return conversations.ErrInsufficientFunds
	}
	m.balance[e.ProviderID] += e.Coins
	m.keys[e.ProviderID+"\x00"+e.Key] = e.Coins
	return nil
}

func (m *model) submit(p string, leads []string) (string, error) {
	if _, ok := m.balance[p]; !ok {
		return "", conversations.ErrNotFound
	}
	var uniq []string
	for _, l := range leads {
		if slices.Contains(uniq, l) {
			continue
		}
		uniq = append(uniq, l)
		u := m.unlocks[ukey(p, l)]
		switch {
		case u == nil:
			return "", conversations.ErrLeadNotUnlocked
		case u.refunded != "":
			return "", conversations.ErrLeadRefunded
		case u.open != "":
			return "", conversations.ErrLeadReserved
		}
	}
	m.nCases++
	id := fmt.Sprintf("RF-%d", m.nCases)
	for _, l := range uniq {
		m.unlocks[ukey(p, l)].open = id
	}
	m.cases[id] = &mCase{prov: p, leads: uniq, state: policy.StateOpen}
	return id, nil
}

// freeLeads lists a provider's leads that may enter a case, in order.
func (m *model) freeLeads(p string) []string {
	var out []string
	for k, u := range m.unlocks {
		if strings.HasPrefix(k, p+"/") && u.open == "" && u.refunded == "" {
			out = append(out, strings.TrimPrefix(k, p+"/"))
		}
	}
	slices.Sort(out)
	return out
}

func maps(in map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// randomDecision picks a case (mostly open ones) and a move, sometimes an
// illegal one or with a stale Expect.
func (m *model) randomDecision(rng *rand.Rand, at time.Time) conversations.Decision {
	id := fmt.Sprintf("RF-%d", 1+rng.IntN(m.nCases))
	var open []string
	for cid, c := range m.cases {
		if !c.state.Final() {
			open = append(open, cid)
		}
	}
	if len(open) > 0 && rng.IntN(10) < 9 {
		slices.Sort(open)
		id = open[rng.IntN(len(open))]
	}
	c := m.cases[id]
	d := conversations.Decision{CaseID: id, Expect: []policy.State{c.state}, By: fmt.Sprint("U", rng.IntN(3)), At: at}
	if rng.IntN(10) == 0 {
		d.Expect = []policy.State{policy.States[rng.IntN(len(policy.States))]}
	}
	switch rng.IntN(7) {
	case 0, 1:
		d.To = policy.StateApproved
		d.Leads = map[string]policy.LeadDecision{}
		for _, l := range c.leads {
			d.Leads[l] = policy.LeadApproved
		}
	case 2:
		d.To = policy.StatePartlyApproved
		d.Leads = map[string]policy.LeadDecision{c.leads[rng.IntN(len(c.leads))]: policy.LeadApproved}
	case 3:
		d.To, d.RejectReason = policy.StateRejected, "no_evidence"
	case 4:
		d.To, d.Question = policy.StateWaitingProvider, "why?"
	case 5:
		d.To = policy.StateOpen
	default:
		if rng.IntN(2) == 0 {
			d.To = policy.StateExpired
		} else {
			d.To, d.Approval = policy.StatePendingSecond, &conversations.Approval{By: d.By, At: at, Leads: c.leads}
		}
	}
	return d
}

// decide applies d to the model and returns the error the store must give.
func (m *model) decide(d conversations.Decision) error {
	c := m.cases[d.CaseID]
	if !slices.Contains(d.Expect, c.state) {
		return &conversations.DecidedError{CaseID: d.CaseID, State: c.state}
	}
	if !policy.CanMove(c.state, d.To) {
		return conversations.ErrBadTransition
	}
	approved := map[string]bool{}
	for l, dec := range d.Leads {
		approved[l] = dec == policy.LeadApproved
	}
	if d.To == policy.StatePartlyApproved && len(approved) == len(c.leads) {
		return conversations.ErrInvalid // nothing left to refuse
	}
	c.state = d.To
	for _, l := range c.leads {
		u := m.unlocks[ukey(c.prov, l)]
		if (d.To == policy.StateApproved || d.To == policy.StatePartlyApproved) && approved[l] {
			m.balance[c.prov] += u.coins
			u.refunded = d.CaseID
		}
		if d.To.Final() {
			u.open = ""
		}
	}
	return nil
}
