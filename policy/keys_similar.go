package policy

// Checks and texts of deciding similar cases together (agents, English).
const (
	// CheckSameLead: a lead of the case is in other open cases.
	CheckSameLead = "same_lead"
	// CheckSimilar: other open cases share the case's reason and detail.
	CheckSimilar = "similar_cases"
)

const (
	KeyFindSameLead         Key = "finding.same_lead"
	KeyFindSimilar          Key = "finding.similar"
	KeyBtnDecideSimilar     Key = "btn.decide_similar"
	KeyModalSimilarTitle    Key = "modal.similar.title"
	KeyModalSimilarSubmit   Key = "modal.similar.submit"
	KeyModalSimilarIntro    Key = "modal.similar.intro"
	KeyModalSimilarLabel    Key = "modal.similar.label"
	KeyModalSimilarAllGreen Key = "modal.similar.all_green"
	KeyModalSimilarNone     Key = "modal.similar.none"
	KeyEphSimilarDone       Key = "eph.similar.done"
	KeyQueueSimilarGroup    Key = "queue.similar_group"
	KeyEphSimilarOff        Key = "eph.similar.off"
	KeyEphSimilarSecond     Key = "eph.similar.second"
)

func similarKeys() []KeySpec {
	return []KeySpec{
		{KeyFindSameLead, Agent, SlackSection, []string{"lead", "count", "cases"}},
		{KeyFindSimilar, Agent, SlackSection, []string{"count"}},
		{KeyBtnDecideSimilar, Agent, SlackButton, nil},
		{KeyModalSimilarTitle, Agent, SlackModalTitle, nil},
		{KeyModalSimilarSubmit, Agent, SlackModalTitle, nil},
		{KeyModalSimilarIntro, Agent, SlackSection, []string{"count", "case", "reason"}},
		{KeyModalSimilarLabel, Agent, SlackLabel, []string{"from", "to"}},
		{KeyModalSimilarAllGreen, Agent, SlackButton, nil},
		{KeyModalSimilarNone, Agent, SlackLabel, nil},
		{KeyEphSimilarDone, Agent, SlackSection, []string{"done", "selected", "problems"}},
		{KeyQueueSimilarGroup, Agent, SlackSection, []string{"count", "reason", "cases"}},
		{KeyEphSimilarOff, Agent, SlackSection, nil},
		{KeyEphSimilarSecond, Agent, SlackSection, []string{"case", "approvals"}},
	}
}

// agentSimilarText is the English text of the keys above (Slack mrkdwn).
func agentSimilarText(key Key) string {
	switch key {
	case KeyFindSameLead:
		return "Lead {lead} is also in {count} other open case(s): {cases}"
	case KeyFindSimilar:
		return "{count} other open case(s) share this reason and detail"
	case KeyBtnDecideSimilar:
		return "Decide similar…"
	case KeyModalSimilarTitle:
		return "Decide similar cases"
	case KeyModalSimilarSubmit:
		return "Approve selected"
	case KeyModalSimilarIntro:
		return "*{count}* open cases like *{case}* ({reason}). Each selected case is approved as if its own card was clicked; those whose checks are all green are selected."
	case KeyModalSimilarLabel:
		return "Cases {from}–{to}"
	case KeyModalSimilarAllGreen:
		return "✅ all checks green"
	case KeyModalSimilarNone:
		return "Choose at least one case."
	case KeyEphSimilarDone:
		return "Decided {done} of {selected} selected cases.{problems}"
	case KeyQueueSimilarGroup:
		return "*{count}* open cases share {reason}: {cases}"
	case KeyEphSimilarOff:
		return "Deciding similar cases is not available."
	case KeyEphSimilarSecond:
		return "{case}: {approvals}, a second approver is needed"
	}
	return ""
}
