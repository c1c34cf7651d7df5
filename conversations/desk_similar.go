package conversations

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/policy"
)

// Similar cases: in an outage dozens of providers file the same complaint
// ("technical issue: lead not shown") within minutes. The card says so,
// and an approver may decide the lot from one list; each case is still
// decided through the Desk on its own, exactly as a click on its card.

// MaxSimilar bounds the similar cases listed with one case.
const MaxSimilar = 100

// CaseDetail is the detail of a case's reason: the answer to the reason's
// first choice question ("wrong_number", "lead_not_shown"...), "" when
// the reason has none.
func CaseDetail(c Case) string {
	r, ok := policy.ReasonByCode(c.Reason)
	if !ok {
		return ""
	}
	for _, q := range r.Questions {
		if q.Kind == policy.QuestionChoice || q.Kind == policy.QuestionYesNo {
			return c.Answers[q.ID]
		}
	}
	return ""
}

// SameKind reports whether a and b share reason and detail.
func SameKind(a, b Case) bool {
	return a.Reason == b.Reason && CaseDetail(a) == CaseDetail(b)
}

// similarTo splits the open cases other than c into those of the same
// kind (reason and detail) and, per lead of c, those holding that lead
// too. Both keep open's order (oldest first).
func similarTo(c Case, open []Case) (kind []Case, byLead map[string][]string) {
	mine := map[string]bool{}
	for _, l := range c.Leads {
		mine[l.LeadID] = true
	}
	byLead = map[string][]string{}
	for _, o := range open {
		if o.ID == c.ID || o.State.Final() {
			continue
		}
		if SameKind(c, o) {
			kind = append(kind, o)
		}
		for _, l := range o.Leads {
			if mine[l.LeadID] {
				byLead[l.LeadID] = append(byLead[l.LeadID], o.ID)
			}
		}
	}
	return kind, byLead
}

// similarFindings are the card's checks about other open cases: a lead
// of c in other open cases (worth a look: a warning), and how many open
// cases share c's reason and detail (information).
func similarFindings(c Case, open []Case) []policy.Finding {
	if c.State.Final() {
		return nil
	}
	kind, byLead := similarTo(c, open)
	var out []policy.Finding
	for _, l := range c.Leads {
		ids := byLead[l.LeadID]
		if len(ids) == 0 {
			continue
		}
		out = append(out, policy.Finding{Check: policy.CheckSameLead, Level: policy.LevelWarn,
			Message: agentText(policy.KeyFindSameLead, "lead", l.LeadID, "count", strconv.Itoa(len(ids)), "cases", strings.Join(ids, ", "))})
	}
	if len(kind) > 0 {
		out = append(out, policy.Finding{Check: policy.CheckSimilar, Level: policy.LevelPass,
			Message: agentText(policy.KeyFindSimilar, "count", strconv.Itoa(len(kind)))})
	}
	return out
}

// SimilarCases returns the view of case caseID, then of each open case
// that shares its reason and detail or one of its leads, oldest first, at
// most MaxSimilar in all. It only reads.
func (d *DeskService) SimilarCases(ctx context.Context, caseID string) ([]CaseView, error) {
	c, err := d.o.Store.Case(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("similar to %s: %w", caseID, err)
	}
	open, err := d.o.Store.OpenCases(ctx)
	if err != nil {
		return nil, fmt.Errorf("similar to %s: open cases: %w", caseID, err)
	}
	kind, byLead := similarTo(c, open)
	ids := []string{c.ID}
	seen := map[string]bool{c.ID: true}
	shares := map[string]bool{}
	for _, l := range byLead {
		for _, id := range l {
			shares[id] = true
		}
	}
	for _, o := range open {
		if seen[o.ID] || len(ids) >= MaxSimilar {
			continue
		}
		if shares[o.ID] || containsCase(kind, o.ID) {
			seen[o.ID] = true
			ids = append(ids, o.ID)
		}
	}
	views := make([]CaseView, 0, len(ids))
	for _, id := range ids {
		v, err := d.CaseView(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("similar to %s: %w", caseID, err)
		}
		views = append(views, v)
	}
	return views, nil
}

func containsCase(cs []Case, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}
