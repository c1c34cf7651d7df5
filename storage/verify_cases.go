package storage

import (
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// unlocks checks debits, the by-lead index, RefundedIn and OpenCase.
func (v *verifier) unlocks() error {
	byLead := v.tx.Bucket(bUnlocksByLead)
	err := v.tx.Bucket(bUnlocks).ForEach(func(k, val []byte) error {
		var u unlockRec
		if err := jsonDecode(val, &u); err != nil {
			return err
		}
		name := u.ProviderID + "/" + u.LeadID
		if byLead.Get(join(u.LeadID, []byte(u.ProviderID))) == nil {
			v.add("unlock %s missing from the lead index", name)
		}
		e, found, err := entryByKey(v.tx, u.ProviderID, "unlock:"+u.LeadID)
		if err != nil {
			return err
		}
		if !found || e.Coins != -u.Coins || e.Kind != string(conversations.EntryUnlock) {
			v.add("unlock %s: no debit of %d coins", name, u.Coins)
		}
		if u.RefundedIn != "" {
			c, err := v.caseByID(u.RefundedIn)
			if err != nil || !creditedState(c.State) || leadDecision(c, u.LeadID) != policy.LeadApproved || c.ProviderID != u.ProviderID {
				v.add("unlock %s refunded in %s, which did not approve it", name, u.RefundedIn)
			}
		}
		if u.OpenCase != "" {
			c, err := v.caseByID(u.OpenCase)
			if err != nil || c.State.Final() || leadDecision(c, u.LeadID) == "" || c.ProviderID != u.ProviderID {
				v.add("unlock %s reserved by %s, which is not an open case holding it", name, u.OpenCase)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return byLead.ForEach(func(k, _ []byte) error {
		lead, prov, _ := cut0(k)
		if _, found, err := getUnlock(v.tx, prov, lead); err != nil || !found {
			v.add("lead index entry %s/%s points to no unlock", prov, lead)
			return err
		}
		return nil
	})
}

// cases checks credits, reservations and the case indexes.
func (v *verifier) cases() error {
	open, byProv := v.tx.Bucket(bOpenCases), v.tx.Bucket(bCasesByProv)
	err := v.tx.Bucket(bCases).ForEach(func(k, val []byte) error {
		var c conversations.Case
		if err := jsonDecode(val, &c); err != nil {
			return err
		}
		if v.cache == nil {
			v.cache = map[string]conversations.Case{}
		}
		v.cache[c.ID] = c
		if seqOf(k) != c.Seq || c.ID != caseID(c.Seq) {
			v.add("case %s stored under sequence %d", c.ID, seqOf(k))
		}
		if byProv.Get(join(c.ProviderID, u64(c.Seq))) == nil {
			v.add("case %s missing from the provider index", c.ID)
		}
		if (open.Get(u64(c.Seq)) != nil) == c.State.Final() {
			v.add("case %s (%s): open index disagrees", c.ID, c.State)
		}
		if len(c.History) == 0 || c.History[len(c.History)-1].To != c.State {
			v.add("case %s: history does not end in %s", c.ID, c.State)
		}
		var credited int64
		for _, l := range c.Leads {
			u, found, err := getUnlock(v.tx, c.ProviderID, l.LeadID)
			if err != nil {
				return err
			}
			e, hasCredit, err := entryByKey(v.tx, c.ProviderID, refundKey(c.ID, l.LeadID))
			if err != nil {
				return err
			}
			approved := creditedState(c.State) && l.Decision == policy.LeadApproved
			switch {
			case !found:
				v.add("case %s: lead %s has no unlock", c.ID, l.LeadID)
			case approved && (!hasCredit || e.Coins != l.Coins || u.RefundedIn != c.ID):
				v.add("case %s: approved lead %s lacks its credit or refund mark", c.ID, l.LeadID)
			case !approved && hasCredit:
				v.add("case %s (%s): lead %s (%s) was credited", c.ID, c.State, l.LeadID, l.Decision)
			case !approved && u.RefundedIn == c.ID:
				v.add("case %s: lead %s marked refunded without approval", c.ID, l.LeadID)
			case !c.State.Final() && u.OpenCase != c.ID:
				v.add("case %s: lead %s not reserved by it (reserved by %q)", c.ID, l.LeadID, u.OpenCase)
			}
			if approved {
				credited += l.Coins
			}
		}
		if credited != c.Credited {
			v.add("case %s: credited %d, approved leads total %d", c.ID, c.Credited, credited)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := open.ForEach(func(k, _ []byte) error {
		if _, err := v.caseByID(caseID(seqOf(k))); err != nil {
			v.add("open index entry %d: %v", seqOf(k), err)
		}
		return nil
	}); err != nil {
		return err
	}
	return byProv.ForEach(func(k, _ []byte) error {
		c, err := v.caseByID(caseID(seqOf(k)))
		if err != nil || string(k) != string(join(c.ProviderID, u64(c.Seq))) {
			v.add("provider index entry %q does not match its case", k)
		}
		return nil
	})
}

// outbox checks that the pending index holds exactly the pending messages.
func (v *verifier) outbox() error {
	pending := v.tx.Bucket(bOutboxPending)
	err := v.tx.Bucket(bOutbox).ForEach(func(k, val []byte) error {
		var m conversations.OutboxMessage
		if err := jsonDecode(val, &m); err != nil {
			return err
		}
		if (pending.Get(k) != nil) != (m.State == conversations.OutboxPending) {
			v.add("outbox message %d (%s): pending index disagrees", m.ID, m.State)
		}
		return nil
	})
	if err != nil {
		return err
	}
	lanes := map[string]bool{}
	err = pending.ForEach(func(k, lane []byte) error {
		if v.tx.Bucket(bOutbox).Get(k) == nil {
			v.add("pending outbox entry %d points to no message", seqOf(k))
		}
		if v.tx.Bucket(bOutboxLanes).Get(laneKey(string(lane), seqOf(k))) == nil {
			v.add("pending outbox message %d is not in its lane's index", seqOf(k))
		}
		lanes[string(lane)] = true
		return nil
	})
	if err != nil {
		return err
	}
	if n, p := v.tx.Bucket(bOutboxLanes).Stats().KeyN, pending.Stats().KeyN; n != p {
		v.add("the outbox's lane index has %d entries for %d pending messages", n, p)
	}
	if n := v.tx.Bucket(bOutboxDue).Stats().KeyN; n != len(lanes) {
		v.add("the outbox's due index has %d heads for %d lanes", n, len(lanes))
	}
	return nil
}

func leadDecision(c conversations.Case, lead string) policy.LeadDecision {
	for _, l := range c.Leads {
		if l.LeadID == lead {
			return l.Decision
		}
	}
	return ""
}

// cut0 splits a composite key at its 0 byte.
func cut0(k []byte) (string, string, bool) {
	for i, b := range k {
		if b == 0 {
			return string(k[:i]), string(k[i+1:]), true
		}
	}
	return string(k), "", false
}
