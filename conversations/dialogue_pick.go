package conversations

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// maxLeadButtons bounds the recent leads offered as buttons at the lead
// step (beside the leads already in the draft, each with its own button).
const maxLeadButtons = 5

// needsUnlocks reports whether the step may show the lead step, whose
// buttons list the provider's recent refundable unlocks.
func needsUnlocks(in stepIn) bool {
	if in.Provider == nil || in.Event.Kind != EvCallback && in.Event.Kind != EvText {
		return false
	}
	switch in.Session.Step {
	case stepReason, stepQuestion, stepLeads, stepEdit:
		return true
	}
	return false
}

// pickedLead is the lead of a lead button pressed at the lead step.
func pickedLead(in stepIn) (string, bool) {
	if in.Event.Kind != EvCallback || in.Session.Step != stepLeads {
		return "", false
	}
	cb, ok := ParseCallback(in.Event.Data)
	if !ok || cb.Action != actPick || cb.Nonce != in.Session.Nonce {
		return "", false
	}
	ids, bad := policy.ParseLeadIDs(cb.Arg)
	if len(ids) != 1 || len(bad) != 0 || ids[0] != cb.Arg {
		return "", false
	}
	return cb.Arg, true
}

// promptLeads opens the lead step: the leads already in the draft (from a
// deep link, or when editing) checked again for the reason, each with a
// button to remove it, and the provider's recent refundable leads as
// buttons to add.
func promptLeads(t *turn) {
	t.advance(stepLeads)
	leadsReply(t, recheckLeads(t), true)
}

// leadsReply answers at the lead step: lines (what was checked), then the
// prompt or the leads so far, with the lead buttons, Done and Cancel. It
// edits the button's message in place when edit is set and the event was
// a button.
func leadsReply(t *turn, lines []string, edit bool) {
	d := t.s.Draft
	var parts []string
	if len(lines) > 0 {
		parts = append(parts, strings.Join(lines, "\n"))
	}
	rows := pickRows(t)
	if len(d.LeadIDs) == 0 {
		// A typed message's verdicts stand alone; a prompt or a button
		// says again what the step wants.
		if len(lines) == 0 || edit {
			parts = append(parts, t.text(policy.KeyLeadPrompt, "max", strconv.Itoa(t.in.Policy.MaxLeadsPerCase)))
		}
		if len(rows) > 0 {
			parts = append(parts, t.text(policy.KeyLeadPickHint))
		}
	} else {
		var total int64
		for _, id := range d.LeadIDs {
			total += d.Coins[id]
		}
		parts = append(parts, t.text(policy.KeyLeadsNext, "count", strconv.Itoa(len(d.LeadIDs)), "total", coins(total)))
		rows = append(rows, []Button{t.button(policy.KeyBtnLeadsDone, actLeadDone, "")})
	}
	rows = append(rows, t.cancelRow())
	text := strings.Join(parts, "\n\n")
	if edit {
		t.show(text, rows...)
	} else {
		t.send(text, rows...)
	}
}

// pickRows are the lead buttons: each lead of the draft (tap to remove),
// then the newest refundable unlocks not in it (tap to add).
func pickRows(t *turn) [][]Button {
	d := t.s.Draft
	var rows [][]Button
	for _, id := range d.LeadIDs {
		label := policy.Msg(policy.KeyBtnLeadPicked, "lead", short(policy.KeyBtnLeadPicked, "lead", id),
			"coins", short(policy.KeyBtnLeadPicked, "coins", coins(d.Coins[id])))
		if b, ok := t.pickButton(label, id); ok {
			rows = append(rows, []Button{b})
		}
	}
	for _, u := range recentRefundable(t) {
		if len(rows) >= len(d.LeadIDs)+maxLeadButtons {
			break
		}
		if slices.Contains(d.LeadIDs, u.LeadID) {
			continue
		}
		k := policy.KeyBtnLeadPick
		label := policy.Msg(k, "lead", short(k, "lead", u.LeadID), "category", short(k, "category", u.Category),
			"coins", short(k, "coins", coins(u.Coins)), "date", u.UnlockedAt.In(t.in.Now.Location()).Format("02 Jan"))
		if b, ok := t.pickButton(label, u.LeadID); ok {
			rows = append(rows, []Button{b})
		}
	}
	return rows
}

// pickButton is the button of one lead; false when its data would not
// fit Telegram's 64 bytes (then the ID can still be typed).
func (t *turn) pickButton(label policy.Message, lead string) (Button, bool) {
	data, ok := Callback{Nonce: t.s.Nonce, Action: actPick, Arg: lead}.Encode()
	return Button{Text: label.Render(t.lang, nil), Data: data}, ok
}

// short cuts a button label's value to what the label allows.
func short(key policy.Key, name, v string) string {
	return policy.Truncate(v, policy.ParamMaxCharsIn(key, name))
}

// recentRefundable are the provider's unlocks that may enter the draft
// now, newest first.
func recentRefundable(t *turn) []Unlock {
	var out []Unlock
	for _, u := range t.in.Unlocks {
		f := leadFacts(u.LeadID, t.s.Draft.Reason, leadFact{Own: &u})
		if policy.CheckLead(t.in.Policy, f, t.in.Now).OK {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b Unlock) int {
		if c := b.UnlockedAt.Compare(a.UnlockedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.LeadID, b.LeadID)
	})
	return out
}

// pickLead adds a lead from its button (checked again, as a typed ID is)
// or removes it when it is in the draft already; the message is edited in
// place.
func pickLead(t *turn, id string) {
	d := &t.s.Draft
	var lines []string
	if i := slices.Index(d.LeadIDs, id); i >= 0 {
		d.LeadIDs = slices.Delete(slices.Clone(d.LeadIDs), i, i+1)
		lines = append(lines, t.text(policy.KeyLeadRemoved, "lead", id))
	} else {
		fact, looked := t.in.Leads[id]
		if !looked {
			t.out = stale(t)
			return
		}
		if fits, full := policy.CheckLeadCount(t.in.Policy, len(d.LeadIDs)); !fits {
			lines = append(lines, t.msg(full))
		} else {
			v := policy.CheckLead(t.in.Policy, leadFacts(id, d.Reason, fact), t.in.Now)
			lines = append(lines, t.msg(v.Message))
			if v.OK {
				addLead(d, id, fact.Own.Coins, fact.Own.UnlockedAt)
			}
		}
	}
	t.advance(stepLeads)
	leadsReply(t, lines, true)
}

// addLead adds an accepted lead to the draft without touching the maps of
// the session the step was read from.
func addLead(d *Draft, id string, n int64, at time.Time) {
	d.LeadIDs = append(slices.Clone(d.LeadIDs), id)
	c := maps.Clone(d.Coins)
	if c == nil {
		c = map[string]int64{}
	}
	c[id] = n
	u := maps.Clone(d.Unlocked)
	if u == nil {
		u = map[string]time.Time{}
	}
	u[id] = at
	d.Coins, d.Unlocked = c, u
}

// leadStepFile takes a photo or a document sent at the lead step: with at
// least one lead chosen it ends the lead part and counts as evidence.
func leadStepFile(t *turn) bool {
	if t.s.Step != stepLeads || t.in.Event.Kind != EvFile || len(t.s.Draft.LeadIDs) == 0 {
		return false
	}
	evidenceFile(t)
	return true
}

// evidenceAck acknowledges a piece of evidence with the whole request and
// Submit, Edit and Cancel under it: one tap to submit.
func evidenceAck(t *turn) {
	t.advance(stepEvidence)
	text := t.text(policy.KeyEvidenceAck, "count", strconv.Itoa(len(t.s.Draft.Evidence)),
		"max_files", strconv.Itoa(t.in.Policy.Evidence.MaxFilesPerCase)) + "\n\n" + t.summaryText()
	t.send(text, []Button{
		t.button(policy.KeyBtnSubmit, actSubmit, ""),
		t.button(policy.KeyBtnEdit, actEdit, ""),
		t.button(policy.KeyBtnCancel, actCancel, "")})
}

// evidenceRemoveRows are the remove buttons of the draft's evidence while
// the provider edits it from the summary.
func evidenceRemoveRows(t *turn) [][]Button {
	d := t.s.Draft
	if !d.Editing {
		return nil
	}
	var rows [][]Button
	k := policy.KeyBtnEvidenceRemove
	for i, e := range d.Evidence {
		name := e.FileName
		if e.Kind == EvidenceText {
			name = "“" + e.Text + "”"
		}
		if name == "" {
			name = string(e.Kind)
		}
		label := policy.Msg(k, "n", strconv.Itoa(i+1), "kind", short(k, "kind", name)).Render(t.lang, nil)
		data, ok := Callback{Nonce: t.s.Nonce, Action: actEvRemove, Arg: strconv.Itoa(i)}.Encode()
		if ok {
			rows = append(rows, []Button{{Text: label, Data: data}})
		}
	}
	return rows
}

// removeEvidence removes one piece of evidence while editing and shows the
// evidence step again, in place.
func removeEvidence(t *turn, arg string) {
	d := &t.s.Draft
	i, err := strconv.Atoi(arg)
	if err != nil || !d.Editing || i < 0 || i >= len(d.Evidence) {
		t.out = stale(t)
		return
	}
	d.Evidence = slices.Delete(slices.Clone(d.Evidence), i, i+1)
	t.out.Result.CallbackText = policy.Text(t.lang, policy.KeyEvidenceRemoved, policy.Args{"n": strconv.Itoa(i + 1)})
	promptEvidence(t)
}
