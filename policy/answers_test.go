package policy

import (
	"slices"
	"strings"
	"testing"
)

func TestReasonsMatchTheSeed(t *testing.T) {
	var codes []ReasonCode
	for _, r := range Reasons() {
		codes = append(codes, r.Code)
		if got, ok := ReasonByCode(r.Code); !ok || got.Title != r.Title {
			t.Errorf("ReasonByCode(%q) = %v", r.Code, ok)
		}
		if len(r.Questions) == 0 {
			t.Errorf("%s asks nothing", r.Code)
		}
		ids := map[string]bool{}
		for _, q := range r.Questions {
			if ids[q.ID] {
				t.Errorf("%s: question %q twice", r.Code, q.ID)
			}
			ids[q.ID] = true
			if (q.Kind == QuestionChoice || q.Kind == QuestionYesNo) && len(q.Options) < 2 {
				t.Errorf("%s.%s: a %s question needs options", r.Code, q.ID, q.Kind)
			}
			for _, o := range q.Options {
				// callback data is at most 64 bytes: reason, question, option, nonce
				if len(o.Code) > 24 || strings.ContainsAny(o.Code, ": ") {
					t.Errorf("%s.%s: option code %q too long or not plain", r.Code, q.ID, o.Code)
				}
			}
		}
	}
	if !slices.Equal(codes, ReasonCodes) {
		t.Errorf("Reasons() order %v, ReasonCodes %v", codes, ReasonCodes)
	}
	if _, ok := ReasonByCode("cash"); ok {
		t.Error("unknown reason found")
	}
}

func TestCheckAnswer(t *testing.T) {
	cfg := Default()
	long := strings.Repeat("क", cfg.Evidence.MaxTextChars)
	tests := []struct {
		reason ReasonCode
		q, raw string
		want   string
		key    Key // problem; "" when valid
	}{
		{ReasonNonResponsive, QAttempts, "3", "3", ""},
		{ReasonNonResponsive, QAttempts, " 03 ", "3", ""},
		{ReasonNonResponsive, QAttempts, "३", "3", ""},
		{ReasonNonResponsive, QAttempts, "1", "1", ""},
		{ReasonNonResponsive, QAttempts, "100", "100", ""},
		{ReasonNonResponsive, QAttempts, "101", "", KeyAnswerOutOfRange},
		{ReasonNonResponsive, QAttempts, "0", "", KeyAnswerOutOfRange},
		{ReasonNonResponsive, QAttempts, "99999999999999999999", "", KeyAnswerOutOfRange},
		{ReasonNonResponsive, QAttempts, "three", "", KeyAnswerNotNumber},
		{ReasonNonResponsive, QAttempts, "-3", "", KeyAnswerNotNumber},
		{ReasonNonResponsive, QAttempts, "2.5", "", KeyAnswerNotNumber},
		{ReasonNonResponsive, QAttempts, "", "", KeyAnswerNotNumber},
		{ReasonNonResponsive, QDays, "30", "30", ""}, // the window is the most
		{ReasonNonResponsive, QDays, "31", "", KeyAnswerOutOfRange},
		{ReasonNonResponsive, QChannel, "Both", "both", ""},
		{ReasonNonResponsive, QChannel, "email", "", KeyAnswerUseButtons},
		{ReasonInvalidLead, QWhat, "wrong_category_location", "wrong_category_location", ""},
		{ReasonInvalidLead, QDetails, "  number belongs to a shop  ", "number belongs to a shop", ""},
		{ReasonInvalidLead, QDetails, "   ", "", KeyAnswerEmpty},
		{ReasonMistakenPosting, QDetails, long, long, ""},
		{ReasonMistakenPosting, QDetails, long + "क", "", KeyTextTooLong},
		{ReasonMistakenPosting, QEngaged, "yes", AnswerYes, ""},
		{ReasonMistakenPosting, QEngaged, "हाँ", AnswerYes, ""},
		{ReasonMistakenPosting, QEngaged, "Nahi", AnswerNo, ""},
		{ReasonMistakenPosting, QEngaged, "maybe", "", KeyAnswerUseButtons},
		{ReasonPhoneUnavailable, QProblem, "shown_unreachable", "shown_unreachable", ""},
		{ReasonTechnicalIssue, QIssue, "charged_twice", "charged_twice", ""},
		{ReasonTechnicalIssue, QAttempts, "3", "", KeyStepPassed},
		{"cash", QAttempts, "3", "", KeyStepPassed},
	}
	for _, tt := range tests {
		got, problem := CheckAnswer(cfg, tt.reason, tt.q, tt.raw)
		gotKey := Key("")
		if problem != nil {
			gotKey = problem.Key
		}
		if got != tt.want || gotKey != tt.key {
			t.Errorf("CheckAnswer(%s, %s, %.20q) = %.20q, %q; want %.20q, %q", tt.reason, tt.q, tt.raw, got, gotKey, tt.want, tt.key)
		}
	}
	_, p := CheckAnswer(cfg, ReasonNonResponsive, QDays, "31")
	if p.Args["min"] != "1" || p.Args["max"] != "30" {
		t.Errorf("out-of-range args = %v", p.Args)
	}
}

func TestAnswersOutcome(t *testing.T) {
	cfg := Default() // 3 attempts over 2 days
	tests := []struct {
		name    string
		reason  ReasonCode
		answers map[string]string
		ok      bool
		key     Key
	}{
		{"exactly the minimum", ReasonNonResponsive, map[string]string{QAttempts: "3", QDays: "2"}, true, ""},
		{"one attempt short", ReasonNonResponsive, map[string]string{QAttempts: "2", QDays: "2"}, false, KeyIneligibleAttempts},
		{"one day short", ReasonNonResponsive, map[string]string{QAttempts: "5", QDays: "1"}, false, KeyIneligibleDays},
		{"attempts known, days not yet", ReasonNonResponsive, map[string]string{QAttempts: "3"}, true, ""},
		{"too few attempts stops early", ReasonNonResponsive, map[string]string{QChannel: "calls", QAttempts: "1"}, false, KeyIneligibleAttempts},
		{"stored garbage", ReasonNonResponsive, map[string]string{QAttempts: "lots"}, false, KeyAnswerNotNumber},
		{"mistaken, engaged", ReasonMistakenPosting, map[string]string{QEngaged: "yes"}, false, KeyIneligibleEngaged},
		{"mistaken, not engaged", ReasonMistakenPosting, map[string]string{QEngaged: "no", QDetails: "posted twice by the client"}, true, ""},
		{"invalid lead, details ignored unless other", ReasonInvalidLead, map[string]string{QWhat: "duplicate", QDetails: ""}, true, ""},
		{"invalid lead, other needs real details", ReasonInvalidLead, map[string]string{QWhat: "other", QDetails: " "}, false, KeyAnswerEmpty},
		{"unknown reason", "cash", nil, false, KeyChooseReason},
	}
	for _, tt := range tests {
		ok, why := AnswersOutcome(cfg, tt.reason, tt.answers)
		key := Key("")
		if why != nil {
			key = why.Key
			if _, err := Render(LangHindi, why.Key, why.Args); err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		if ok != tt.ok || key != tt.key {
			t.Errorf("%s: AnswersOutcome = %v, %q; want %v, %q", tt.name, ok, key, tt.ok, tt.key)
		}
	}
	cfg.NonResponsive.MinAttempts = 5
	if ok, _ := AnswersOutcome(cfg, ReasonNonResponsive, map[string]string{QAttempts: "4", QDays: "2"}); ok {
		t.Error("configured minimum of 5 attempts not applied")
	}
}

func TestNextQuestionFollowsConditions(t *testing.T) {
	answers := map[string]string{}
	var asked []string
	for range 5 {
		q, ok := NextQuestion(ReasonInvalidLead, answers)
		if !ok {
			break
		}
		asked = append(asked, q.ID)
		answers[q.ID] = map[string]string{QWhat: "other", QDetails: "a test post"}[q.ID]
	}
	if !slices.Equal(asked, []string{QWhat, QDetails}) {
		t.Errorf("asked %v", asked)
	}
	if _, ok := NextQuestion(ReasonInvalidLead, map[string]string{QWhat: "duplicate"}); ok {
		t.Error("details asked although the answer was not other")
	}
}

func TestAnswerText(t *testing.T) {
	label, answer := AnswerText(LangHindi, ReasonMistakenPosting, QEngaged, AnswerYes)
	if label != Text(LangHindi, KeyLMistakenEngaged, nil) || answer != "हाँ" {
		t.Errorf("AnswerText = %q, %q", label, answer)
	}
	if _, answer := AnswerText(LangEnglish, ReasonNonResponsive, QAttempts, "4"); answer != "4" {
		t.Errorf("number answer = %q", answer)
	}
}
