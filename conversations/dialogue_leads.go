package conversations

import (
	"slices"

	"github.com/rockerstop/refundbot/policy"
)

// leadPlan splits the lead IDs of a message: those to look up (new, at
// most twice the case limit, so one message cannot cause unbounded reads),
// those already in the draft, those beyond the lookup bound, and tokens
// that are not IDs. It is shared by read and step so both agree.
type leadPlan struct {
	Check, Dup, Over, Bad []string
	Order                 []string // every ID in message order
}

func planLeads(cfg policy.Config, d Draft, text string) leadPlan {
	ids, bad := policy.ParseLeadIDs(text)
	p := leadPlan{Bad: bad, Order: ids}
	bound := 2 * cfg.MaxLeadsPerCase
	for _, id := range ids {
		switch {
		case slices.Contains(d.LeadIDs, id):
			p.Dup = append(p.Dup, id)
		case len(p.Check) >= bound:
			p.Over = append(p.Over, id)
		default:
			p.Check = append(p.Check, id)
		}
	}
	return p
}

// leadsToCheck lists the lead IDs read must look up for this event.
func leadsToCheck(in stepIn) []string {
	if lead, ok := deepLinkOf(in.Event); ok {
		return []string{lead}
	}
	if lead, ok := pickedLead(in); ok {
		return []string{lead}
	}
	if in.Event.Kind != EvText || in.Session.Step != stepLeads {
		return nil
	}
	if m := policy.CheckText(in.Policy, in.Event.Text); m != nil {
		return nil
	}
	return planLeads(in.Policy, in.Session.Draft, in.Event.Text).Check
}

// needsCases reports whether the step needs the provider's cases: for
// /status, and for a message outside a flow (the answer to an agent's
// question, when a case waits for one).
func needsCases(in stepIn) bool {
	ev := in.Event
	if appealNeedsCases(in) {
		return true
	}
	switch ev.Kind {
	case EvCommand:
		return ev.Command == "status"
	case EvCallback:
		return isMenuCallback(ev.Data, "status")
	case EvText, EvFile:
		return in.Session.Step == stepIdle || in.Session.Step == "" || in.Session.Step == stepLink
	}
	return false
}

// leadsText checks each lead ID of a message: each accepted one is shown
// with its coins, each refused one with the policy's exact reason.
func leadsText(t *turn, text string) {
	cfg := t.in.Policy
	d := &t.s.Draft
	p := planLeads(cfg, *d, text)
	if len(p.Order) == 0 && len(p.Bad) == 0 {
		t.send(t.text(policy.KeyLeadsNone))
		return
	}
	var lines []string
	for _, b := range p.Bad {
		lines = append(lines, t.text(policy.KeyLeadBadID, "text", policy.Truncate(b, policy.MaxLeadIDLen)))
	}
	ids := slices.Clone(d.LeadIDs)
	coinsOf := make(map[string]int64, len(d.Coins)+len(p.Check))
	for k, v := range d.Coins {
		coinsOf[k] = v
	}
	tooMany := false
	for _, id := range p.Order {
		if slices.Contains(p.Dup, id) {
			lines = append(lines, t.text(policy.KeyLeadAlreadyAdded, "lead", id))
			continue
		}
		fact, looked := t.in.Leads[id]
		fits, full := policy.CheckLeadCount(cfg, len(ids))
		if !looked {
			// Beyond the lookup bound: the case cannot hold it either.
			fits, full = policy.CheckLeadCount(cfg, cfg.MaxLeadsPerCase)
		}
		if !fits {
			if !tooMany {
				lines = append(lines, t.msg(full))
				tooMany = true
			}
			continue
		}
		v := policy.CheckLead(cfg, leadFacts(id, d.Reason, fact), t.in.Now)
		lines = append(lines, t.msg(v.Message))
		if v.OK {
			ids = append(ids, id)
			coinsOf[id] = fact.Own.Coins
		}
	}
	if len(ids) != len(d.LeadIDs) {
		d.LeadIDs, d.Coins = ids, coinsOf
		t.advance(stepLeads)
	}
	leadsReply(t, lines, false)
}

// leadFacts turns what storage knows of a lead into policy's input.
func leadFacts(id string, reason policy.ReasonCode, f leadFact) policy.LeadFacts {
	lf := policy.LeadFacts{LeadID: id, Reason: reason, OwnedByOther: f.Others}
	if u := f.Own; u != nil {
		lf.Found, lf.Coins, lf.UnlockedAt, lf.RefundedIn, lf.OpenCase = true, u.Coins, u.UnlockedAt, u.RefundedIn, u.OpenCase
	}
	return lf
}

// leadsDone moves on from the leads: to the evidence, or back to the
// summary when editing.
func leadsDone(t *turn) {
	if len(t.s.Draft.LeadIDs) == 0 {
		t.send(t.text(policy.KeyLeadsNone))
		return
	}
	if t.s.Draft.Editing {
		summary(t)
		return
	}
	promptEvidence(t)
}
