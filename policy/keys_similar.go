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

// similarSentences declares the keys above: audience, surface, parameters and texts.
var similarSentences = []Sentence{
	{
		Key: KeyFindSameLead, Audience: Agent, Surface: SlackSection, Params: []string{"lead", "count", "cases"},
		EN: "Lead {lead} is also in {count} other open case(s): {cases}",
	},
	{
		Key: KeyFindSimilar, Audience: Agent, Surface: SlackSection, Params: []string{"count"},
		EN: "{count} other open case(s) share this reason and detail",
	},
	{
		Key: KeyBtnDecideSimilar, Audience: Agent, Surface: SlackButton,
		EN: "Decide similar…",
	},
	{
		Key: KeyModalSimilarTitle, Audience: Agent, Surface: SlackModalTitle,
		EN: "Decide similar cases",
	},
	{
		Key: KeyModalSimilarSubmit, Audience: Agent, Surface: SlackModalTitle,
		EN: "Approve selected",
	},
	{
		Key: KeyModalSimilarIntro, Audience: Agent, Surface: SlackSection, Params: []string{"count", "case", "reason"},
		EN: "*{count}* open cases like *{case}* ({reason}). Each selected case is approved as if its own card was clicked; those whose checks are all green are selected.",
	},
	{
		Key: KeyModalSimilarLabel, Audience: Agent, Surface: SlackLabel, Params: []string{"from", "to"},
		EN: "Cases {from}–{to}",
	},
	{
		Key: KeyModalSimilarAllGreen, Audience: Agent, Surface: SlackButton,
		EN: "✅ all checks green",
	},
	{
		Key: KeyModalSimilarNone, Audience: Agent, Surface: SlackLabel,
		EN: "Choose at least one case.",
	},
	{
		Key: KeyEphSimilarDone, Audience: Agent, Surface: SlackSection, Params: []string{"done", "selected", "problems"},
		EN: "Decided {done} of {selected} selected cases.{problems}",
	},
	{
		Key: KeyQueueSimilarGroup, Audience: Agent, Surface: SlackSection, Params: []string{"count", "reason", "cases"},
		EN: "*{count}* open cases share {reason}: {cases}",
	},
	{
		Key: KeyEphSimilarOff, Audience: Agent, Surface: SlackSection,
		EN: "Deciding similar cases is not available.",
	},
	{
		Key: KeyEphSimilarSecond, Audience: Agent, Surface: SlackSection, Params: []string{"case", "approvals"},
		EN: "{case}: {approvals}, a second approver is needed",
	},
}
