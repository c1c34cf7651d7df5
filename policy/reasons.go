package policy

// QuestionKind is how a question is answered.
type QuestionKind string

const (
	// QuestionChoice: one of Options, by its code (a button).
	QuestionChoice QuestionKind = "choice"
	// QuestionNumber: a whole number within Min..Max.
	QuestionNumber QuestionKind = "number"
	// QuestionYesNo: AnswerYes or AnswerNo (buttons; typed yes/no/haan/nahi work too).
	QuestionYesNo QuestionKind = "yes_no"
	// QuestionText: free text, at most policy.evidence.max_text_chars.
	QuestionText QuestionKind = "text"
)

// Answer values of a yes/no question.
const (
	AnswerYes = "yes"
	AnswerNo  = "no"
)

// Question IDs. They are stored in Case.Answers and sent in callback data:
// never rename one.
const (
	QWhat     = "what"     // invalid_lead: what was wrong
	QDetails  = "details"  // invalid_lead (when "other"), mistaken_posting
	QChannel  = "channel"  // non_responsive: calls, messages, both
	QAttempts = "attempts" // non_responsive: number of attempts
	QDays     = "days"     // non_responsive: days the attempts spanned
	QEngaged  = "engaged"  // mistaken_posting: contacted or engaged?
	QProblem  = "problem"  // phone_unavailable: missing or shown_unreachable
	QIssue    = "issue"    // technical_issue: what went wrong
)

// Option is one answer of a choice question. Code is stable and short
// (it travels in callback data); Label is its button text.
type Option struct {
	Code  string
	Label Key
}

// Condition makes a question apply only when another answer has a value.
type Condition struct {
	QuestionID string
	Value      string
}

// Question is one question of a reason, asked in order.
type Question struct {
	ID     string
	Kind   QuestionKind
	Prompt Key // the question as asked
	Label  Key // a short name for summaries and the agents' card
	// Options of a choice question (yes/no questions have AnswerYes/AnswerNo).
	Options []Option
	// Min and Max bound a number answer; Max 0 means the refund window in
	// days (policy.refund_window_days).
	Min, Max int
	// AskIf, when set, asks the question only when that answer is given.
	AskIf *Condition
}

// EvidenceKind is the kind of a piece of evidence (conversations.EvidenceKind
// has the same values).
type EvidenceKind string

const (
	EvidencePhoto    EvidenceKind = "photo"
	EvidenceDocument EvidenceKind = "document"
	EvidenceText     EvidenceKind = "text"
)

// EvidenceRule says which evidence a reason takes and needs.
type EvidenceRule struct {
	Allowed []EvidenceKind
	// RequiredAnyOf: at least one piece of one of these kinds is needed
	// before submit; empty means evidence is optional.
	RequiredAnyOf []EvidenceKind
	Need          Key // shown with the evidence prompt
	Missing       Key // CheckEvidence's answer when the requirement is unmet
}

// Reason is one refund reason of the seed policy with its questions and
// evidence rule. Every reason also obeys the lead rules of CheckLead.
type Reason struct {
	Code        ReasonCode
	Title       Key
	Explanation Key
	Questions   []Question
	Evidence    EvidenceRule
	// MinWait: a lead can be claimed only policy.non_responsive.min_wait_hours
	// after its unlock.
	MinWait bool
}

// Reasons returns the five reasons in the seed's order. The slices are
// fresh on every call.
func Reasons() []Reason {
	all := []EvidenceKind{EvidencePhoto, EvidenceDocument, EvidenceText}
	optional := EvidenceRule{Allowed: all, Need: KeyEvidenceOptional}
	yesNo := []Option{{AnswerYes, KeyOptYes}, {AnswerNo, KeyOptNo}}
	return []Reason{
		{
			Code: ReasonInvalidLead, Title: KeyTitleInvalidLead, Explanation: KeyExplainInvalidLead,
			Questions: []Question{
				{ID: QWhat, Kind: QuestionChoice, Prompt: KeyQInvalidWhat, Label: KeyLInvalidWhat, Options: []Option{
					{"wrong_number", KeyOptWrongNumber},
					{"no_requirement", KeyOptNoRequirement},
					{"duplicate", KeyOptDuplicate},
					{"wrong_category_location", KeyOptWrongCategory},
					{"other", KeyOptOther},
				}},
				{ID: QDetails, Kind: QuestionText, Prompt: KeyQInvalidDetails, Label: KeyLInvalidDetails,
					AskIf: &Condition{QWhat, "other"}},
			},
			Evidence: optional,
		},
		{
			Code: ReasonNonResponsive, Title: KeyTitleNonResponsive, Explanation: KeyExplainNonResponsive,
			Questions: []Question{
				{ID: QChannel, Kind: QuestionChoice, Prompt: KeyQNonRespChannel, Label: KeyLNonRespChannel, Options: []Option{
					{"calls", KeyOptCalls}, {"messages", KeyOptMessages}, {"both", KeyOptBoth},
				}},
				{ID: QAttempts, Kind: QuestionNumber, Prompt: KeyQNonRespAttempts, Label: KeyLNonRespAttempts, Min: 1, Max: 100},
				{ID: QDays, Kind: QuestionNumber, Prompt: KeyQNonRespDays, Label: KeyLNonRespDays, Min: 1},
			},
			// The seed asks for genuine attempts: a call-log screenshot or a
			// description of the attempts shows them.
			Evidence: EvidenceRule{Allowed: all, RequiredAnyOf: all,
				Need: KeyEvidenceNeedNonResponsive, Missing: KeyEvidenceMissingNonResponsive},
			MinWait: true,
		},
		{
			Code: ReasonMistakenPosting, Title: KeyTitleMistakenPosting, Explanation: KeyExplainMistakenPosting,
			Questions: []Question{
				{ID: QEngaged, Kind: QuestionYesNo, Prompt: KeyQMistakenEngaged, Label: KeyLMistakenEngaged, Options: yesNo},
				{ID: QDetails, Kind: QuestionText, Prompt: KeyQMistakenDetails, Label: KeyLMistakenDetails},
			},
			Evidence: optional,
		},
		{
			Code: ReasonPhoneUnavailable, Title: KeyTitlePhoneUnavailable, Explanation: KeyExplainPhoneUnavailable,
			Questions: []Question{
				{ID: QProblem, Kind: QuestionChoice, Prompt: KeyQPhoneProblem, Label: KeyLPhoneProblem, Options: []Option{
					{"missing", KeyOptPhoneMissing}, {"shown_unreachable", KeyOptPhoneUnreachable},
				}},
			},
			Evidence: optional,
		},
		{
			Code: ReasonTechnicalIssue, Title: KeyTitleTechnicalIssue, Explanation: KeyExplainTechnicalIssue,
			Questions: []Question{
				{ID: QIssue, Kind: QuestionChoice, Prompt: KeyQTechKind, Label: KeyLTechKind, Options: []Option{
					{"lead_not_shown", KeyOptLeadNotShown}, {"charged_twice", KeyOptChargedTwice},
					{"app_error", KeyOptAppError}, {"other", KeyOptOther},
				}},
			},
			// What happened and when, in the provider's words.
			Evidence: EvidenceRule{Allowed: all, RequiredAnyOf: []EvidenceKind{EvidenceText},
				Need: KeyEvidenceNeedTechnical, Missing: KeyEvidenceMissingTechnical},
		},
	}
}

// ReasonByCode returns the reason with that code.
func ReasonByCode(code ReasonCode) (Reason, bool) {
	for _, r := range Reasons() {
		if r.Code == code {
			return r, true
		}
	}
	return Reason{}, false
}

// Question returns the question of r with that ID.
func (r Reason) Question(id string) (Question, bool) {
	for _, q := range r.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// Option returns the option of q with that code.
func (q Question) Option(code string) (Option, bool) {
	for _, o := range q.Options {
		if o.Code == code {
			return o, true
		}
	}
	return Option{}, false
}

// Bounds returns the range of a number question under cfg.
func (q Question) Bounds(cfg Config) (lo, hi int) {
	hi = q.Max
	if hi == 0 {
		hi = cfg.RefundWindowDays
	}
	return q.Min, hi
}
