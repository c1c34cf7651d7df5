package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

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
