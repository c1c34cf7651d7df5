package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CheckAnswer validates one raw answer (button data or typed text) to
// question questionID of reason r. It returns the normalised value to
// store in Case.Answers, or a problem to show the provider and ask again:
// not a number, out of range, use the buttons, empty, too long. A typed
// number may use Devanagari digits. An unknown reason or question gives
// KeyStepPassed (a stale button).
func CheckAnswer(cfg Config, r ReasonCode, questionID, raw string) (string, *Message) {
	reason, ok := ReasonByCode(r)
	if !ok {
		return "", &Message{Key: KeyStepPassed}
	}
	q, ok := reason.Question(questionID)
	if !ok {
		return "", &Message{Key: KeyStepPassed}
	}
	s := strings.TrimSpace(raw)
	switch q.Kind {
	case QuestionChoice:
		for _, o := range q.Options {
			if strings.EqualFold(s, o.Code) {
				return o.Code, nil
			}
		}
		return "", &Message{Key: KeyAnswerUseButtons}
	case QuestionYesNo:
		if v, ok := yesNo(s); ok {
			return v, nil
		}
		return "", &Message{Key: KeyAnswerUseButtons}
	case QuestionNumber:
		lo, hi := q.Bounds(cfg)
		n, ok := parseCount(s)
		if !ok {
			return "", &Message{Key: KeyAnswerNotNumber}
		}
		if n < lo || n > hi {
			m := Msg(KeyAnswerOutOfRange, "min", strconv.Itoa(lo), "max", strconv.Itoa(hi))
			return "", &m
		}
		return strconv.Itoa(n), nil
	case QuestionText:
		if m := CheckText(cfg, s); m != nil {
			return "", m
		}
		return s, nil
	}
	return "", &Message{Key: KeyStepPassed}
}

// CheckText checks a free text (an answer or a text evidence): not empty,
// at most policy.evidence.max_text_chars characters.
func CheckText(cfg Config, text string) *Message {
	s := strings.TrimSpace(text)
	if s == "" {
		return &Message{Key: KeyAnswerEmpty}
	}
	if n := utf8.RuneCountInString(s); n > cfg.Evidence.MaxTextChars {
		m := Msg(KeyTextTooLong, "max", strconv.Itoa(cfg.Evidence.MaxTextChars), "length", strconv.Itoa(n))
		return &m
	}
	return nil
}

// yesNo reads a yes/no answer: the button codes and common typed forms in
// English, Hinglish and Hindi.
func yesNo(s string) (string, bool) {
	switch strings.ToLower(strings.Trim(s, " .!")) {
	case AnswerYes, "y", "haan", "han", "ha", "ji", "haan ji", "हाँ", "हां", "जी", "हाँ जी":
		return AnswerYes, true
	case AnswerNo, "n", "nahi", "nahin", "na", "नहीं", "ना", "नही":
		return AnswerNo, true
	}
	return "", false
}

// parseCount reads a whole non-negative number of at most 6 digits,
// accepting ASCII and Devanagari digits.
func parseCount(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n, digits := 0, 0
	for _, r := range s {
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '०' && r <= '९':
			d = int(r - '०')
		default:
			return 0, false
		}
		digits++
		if digits > 6 {
			return 1 << 30, true // out of any range, reported as such
		}
		n = n*10 + d
	}
	return n, true
}

// Applicable lists the questions of reason r that apply given answers
// (a question with AskIf applies only when its condition holds), in order.
func Applicable(r ReasonCode, answers map[string]string) []Question {
	reason, ok := ReasonByCode(r)
	if !ok {
		return nil
	}
	var out []Question
	for _, q := range reason.Questions {
		if q.AskIf != nil && answers[q.AskIf.QuestionID] != q.AskIf.Value {
			continue
		}
		out = append(out, q)
	}
	return out
}

// NextQuestion returns the first applicable question not answered yet;
// false when every applicable question has an answer.
func NextQuestion(r ReasonCode, answers map[string]string) (Question, bool) {
	for _, q := range Applicable(r, answers) {
		if _, ok := answers[q.ID]; !ok {
			return q, true
		}
	}
	return Question{}, false
}

// AnswersOutcome decides eligibility from the answers given so far; it
// may be called after each answer to stop early. eligible is false, with
// the reason in why, when an answer disqualifies the request (mistaken
// posting after contacting the client; fewer non-responsive attempts or
// days than policy.non_responsive.min_attempts / min_days) or a stored
// answer is not valid. Unanswered questions do not disqualify: use
// NextQuestion to know whether all are answered. Answers to questions
// that do not apply are ignored.
func AnswersOutcome(cfg Config, r ReasonCode, answers map[string]string) (eligible bool, why *Message) {
	if _, ok := ReasonByCode(r); !ok {
		return false, &Message{Key: KeyChooseReason}
	}
	values := map[string]string{}
	for _, q := range Applicable(r, answers) {
		raw, ok := answers[q.ID]
		if !ok {
			continue
		}
		v, problem := CheckAnswer(cfg, r, q.ID, raw)
		if problem != nil {
			return false, problem
		}
		values[q.ID] = v
	}
	switch r {
	case ReasonMistakenPosting:
		if values[QEngaged] == AnswerYes {
			return false, &Message{Key: KeyIneligibleEngaged}
		}
	case ReasonNonResponsive:
		nr := cfg.NonResponsive
		args := []string{"min_attempts", strconv.Itoa(nr.MinAttempts), "min_days", strconv.Itoa(nr.MinDays)}
		if v, ok := values[QAttempts]; ok {
			if n, _ := strconv.Atoi(v); n < nr.MinAttempts {
				m := Msg(KeyIneligibleAttempts, append(args, "attempts", v)...)
				return false, &m
			}
		}
		if v, ok := values[QDays]; ok {
			if n, _ := strconv.Atoi(v); n < nr.MinDays {
				m := Msg(KeyIneligibleDays, append(args, "days", v)...)
				return false, &m
			}
		}
	}
	return true, nil
}

// AnswerText renders one stored answer for a summary or the agents' card:
// the question's short label and the answer (an option's label, yes/no,
// the number or the text) in lang.
func AnswerText(lang Lang, r ReasonCode, questionID, value string) (label, answer string) {
	reason, ok := ReasonByCode(r)
	if !ok {
		return questionID, value
	}
	q, ok := reason.Question(questionID)
	if !ok {
		return questionID, value
	}
	if o, ok := q.Option(value); ok {
		return Text(lang, q.Label, nil), Text(lang, o.Label, nil)
	}
	return Text(lang, q.Label, nil), value
}
