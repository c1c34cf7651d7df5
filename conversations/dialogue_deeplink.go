package conversations

import (
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// DeepLinkPrefix starts the /start parameter of a refund deep link:
// https://t.me/<bot>?start=refund_<LEAD_ID>.
const DeepLinkPrefix = "refund_"

// maxStartParam is Telegram's limit on a /start parameter, in characters.
const maxStartParam = 64

// DeepLinkParam is the /start parameter that opens a refund of lead, and
// false when the lead ID cannot travel in one (Telegram allows at most 64
// characters of A-Z a-z 0-9 _ -).
func DeepLinkParam(lead string) (string, bool) {
	p := DeepLinkPrefix + lead
	if _, ok := DeepLinkLead(p); !ok {
		return "", false
	}
	return p, true
}

// DeepLinkLead reads a /start parameter: the lead ID of "refund_<LEAD_ID>"
// (upper-cased as storage keeps IDs), or false for anything else, which
// then counts as a plain /start.
func DeepLinkLead(param string) (string, bool) {
	param = strings.TrimSpace(param)
	if len(param) > maxStartParam || !strings.HasPrefix(param, DeepLinkPrefix) {
		return "", false
	}
	for _, r := range param {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "", false
		}
	}
	ids, bad := policy.ParseLeadIDs(param[len(DeepLinkPrefix):])
	if len(ids) != 1 || len(bad) != 0 {
		return "", false
	}
	return ids[0], true
}

// deepLinkOf is the lead of a /start event's deep link, if any.
func deepLinkOf(ev Event) (string, bool) {
	if ev.Kind != EvCommand || ev.Command != "start" {
		return "", false
	}
	return DeepLinkLead(ev.Args)
}

// deepLink starts a refund for lead, checked at once: a refundable lead
// enters a new draft and the reason picker follows in the same message; a
// lead that cannot be refunded gets the exact reason and the menu. A draft
// in progress is not dropped: the provider chooses to go on or cancel.
func deepLink(t *turn, lead string) {
	if t.inFlow() {
		t.send(t.text(policy.KeyDraftInProgress), []Button{
			t.button(policy.KeyBtnContinue, actContinue, ""), t.button(policy.KeyBtnCancel, actCancel, "")})
		return
	}
	fact := t.in.Leads[lead]
	v := policy.CheckLead(t.in.Policy, leadFacts(lead, "", fact), t.in.Now)
	if !v.OK {
		t.send(t.msg(v.Message)+"\n\n"+t.text(policy.KeyDeepLinkRefused), t.menu()...)
		return
	}
	t.s.AnsweringCase = ""
	t.s.Draft = Draft{LeadIDs: []string{lead},
		Coins:    map[string]int64{lead: fact.Own.Coins},
		Unlocked: map[string]time.Time{lead: fact.Own.UnlockedAt}}
	t.advance(stepReason)
	promptReasonAfter(t, t.msg(v.Message))
}

// unlinkedStart answers /start of a sender not linked yet: the welcome
// and the contact button; a deep link's lead is kept in the session and
// the refund goes on with it once they link.
func unlinkedStart(t *turn) {
	lead, ok := deepLinkOf(t.in.Event)
	t.s.PendingLead = ""
	text := t.text(policy.KeyWelcome)
	if ok {
		t.s.PendingLead = lead
		text += "\n\n" + t.text(policy.KeyDeepLinkAfterLink, "lead", lead)
	}
	t.send(text)
	t.contactButton()
}

// afterLink goes on with a deep link's lead once the sender is linked.
func afterLink(t *turn) {
	lead := t.s.PendingLead
	t.s.PendingLead = ""
	if lead != "" {
		deepLink(t, lead)
	}
}

// recheckLeads checks the draft's leads again once the reason is known
// (a lead taken from a deep link before it): one that must wait longer
// for this reason leaves the draft, with the policy's words.
func recheckLeads(t *turn) []string {
	d := &t.s.Draft
	var lines []string
	kept := make([]string, 0, len(d.LeadIDs))
	for _, id := range d.LeadIDs {
		at, ok := d.Unlocked[id]
		if !ok {
			kept = append(kept, id)
			continue
		}
		v := policy.CheckLead(t.in.Policy, policy.LeadFacts{LeadID: id, Reason: d.Reason, Found: true,
			Coins: d.Coins[id], UnlockedAt: at}, t.in.Now)
		if v.OK {
			kept = append(kept, id)
			continue
		}
		lines = append(lines, t.msg(v.Message))
	}
	if len(kept) != len(d.LeadIDs) {
		d.LeadIDs = kept
	}
	return lines
}
