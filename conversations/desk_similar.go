package conversations

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// OpenSimilar is what the other open cases have in common with one case:
// the ones of the same kind (reason and detail), and per lead of the case
// the ones holding that lead too. IDs are oldest first. A store answers it
// from an index kept with the cases (bbolt), or with OpenSimilarOf over
// every open case.
type OpenSimilar struct {
	Kind   []string
	ByLead map[string][]string
}

// Count is how many distinct other open cases share the kind or a lead:
// len(IDs()) without sorting the list by case number (every open card's
// render counts).
func (o OpenSimilar) Count() int {
	seen := make(map[string]bool, len(o.Kind))
	for _, id := range o.Kind {
		seen[id] = true
	}
	for _, l := range o.ByLead {
		for _, id := range l {
			seen[id] = true
		}
	}
	return len(seen)
}

// IDs are the distinct other open cases sharing the kind or a lead,
// oldest first.
func (o OpenSimilar) IDs() []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, id := range o.Kind {
		add(id)
	}
	for _, l := range o.ByLead {
		for _, id := range l {
			add(id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		sa, _ := CaseSeq(a)
		sb, _ := CaseSeq(b)
		return cmp.Compare(sa, sb)
	})
	return ids
}

// OpenSimilarOf computes OpenSimilar of c from the open cases (in their
// order, oldest first): the rule every store's answer must match.
func OpenSimilarOf(c Case, open []Case) OpenSimilar {
	mine := map[string]bool{}
	for _, l := range c.Leads {
		mine[l.LeadID] = true
	}
	out := OpenSimilar{ByLead: map[string][]string{}}
	for _, o := range open {
		if o.ID == c.ID || o.State.Final() {
			continue
		}
		if SameKind(c, o) {
			out.Kind = append(out.Kind, o.ID)
		}
		for _, l := range o.Leads {
			if mine[l.LeadID] {
				out.ByLead[l.LeadID] = append(out.ByLead[l.LeadID], o.ID)
			}
		}
	}
	return out
}

// similarFindings are the card's checks about other open cases: a lead
// of c in other open cases (worth a look: a warning), and how many open
// cases share c's reason and detail (information).
func similarFindings(c Case, like OpenSimilar) []policy.Finding {
	if c.State.Final() {
		return nil
	}
	var out []policy.Finding
	for _, l := range c.Leads {
		ids := like.ByLead[l.LeadID]
		if len(ids) == 0 {
			continue
		}
		out = append(out, policy.Finding{Check: policy.CheckSameLead, Level: policy.LevelWarn,
			Message: agentText(policy.KeyFindSameLead, "lead", l.LeadID, "count", strconv.Itoa(len(ids)), "cases", strings.Join(ids, ", "))})
	}
	if len(like.Kind) > 0 {
		out = append(out, policy.Finding{Check: policy.CheckSimilar, Level: policy.LevelPass,
			Message: agentText(policy.KeyFindSimilar, "count", strconv.Itoa(len(like.Kind)))})
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
	like, err := d.o.Store.OpenSimilar(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("similar to %s: open cases: %w", caseID, err)
	}
	ids := append([]string{c.ID}, like.IDs()...)
	if len(ids) > MaxSimilar {
		ids = ids[:MaxSimilar]
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
