package conversations

import (
	"context"
	"fmt"
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// CaseView is what the agents' card shows beyond the case itself.
type CaseView struct {
	Case     Case
	Provider Provider
	// MaskedPhone is the provider's phone as MaskPhone shows it.
	MaskedPhone string
	Findings    []policy.Finding
	// The provider's history before this case: cases submitted, and cases
	// that credited coins, in the 30 and 90 days before its submission.
	Cases30, Cases90     int
	Refunds30, Refunds90 int
	// RefundRate is the share of the provider's unlocks of the findings'
	// period that were refunded (0 when there were none).
	RefundRate      float64
	ApprovalsNeeded int
	// Original is the case an appeal appeals (nil for other cases).
	Original *Case
	// Similar counts the other open cases sharing this open case's reason
	// and detail or one of its leads (0 for a final case): "Decide
	// similar…" is offered only when there are some.
	Similar int
}

// CaseView reads a case with what its card needs: the provider, the
// policy's findings, the history and the approvals needed. It only reads.
func (d *DeskService) CaseView(ctx context.Context, caseID string) (CaseView, error) {
	c, err := d.o.Store.Case(ctx, caseID)
	if err != nil {
		return CaseView{}, fmt.Errorf("case view %s: %w", caseID, err)
	}
	p, err := d.o.Store.Provider(ctx, c.ProviderID)
	if err != nil {
		return CaseView{}, fmt.Errorf("case view %s: provider: %w", caseID, err)
	}
	cases, err := d.o.Store.Cases(ctx, c.ProviderID)
	if err != nil {
		return CaseView{}, fmt.Errorf("case view %s: cases: %w", caseID, err)
	}
	unlocks, err := d.o.Store.Unlocks(ctx, c.ProviderID)
	if err != nil {
		return CaseView{}, fmt.Errorf("case view %s: unlocks: %w", caseID, err)
	}
	now := d.o.Clock.Now().In(d.o.Location)
	v := CaseView{Case: c, Provider: p, MaskedPhone: MaskPhone(p.Phone),
		ApprovalsNeeded: policy.ApprovalsNeeded(d.o.Policy, c.TotalCoins())}
	in := findingsInput(d.o.Policy, c, cases, unlocks)
	if ix, ok := d.o.Store.(EvidenceIndex); ok && len(in.Evidence) > 0 {
		if in.Seen, err = seenAcross(ctx, ix, c, in.Evidence); err != nil {
			return CaseView{}, fmt.Errorf("case view %s: evidence uses: %w", caseID, err)
		}
	}
	v.Findings = policy.Findings(d.o.Policy, in, now)
	v.Original = originalOf(c, cases)
	if !c.State.Final() {
		// Only an open case's card says what else is open like it.
		like, err := d.o.Store.OpenSimilar(ctx, c)
		if err != nil {
			return CaseView{}, fmt.Errorf("case view %s: open cases: %w", caseID, err)
		}
		v.Findings = append(v.Findings, similarFindings(c, like)...)
		v.Similar = like.Count()
	}
	day := 24 * time.Hour
	for _, o := range cases {
		// History is what came before this case, judged at its submission
		// like the findings, so the counts and the refund rate agree.
		if o.Seq >= c.Seq {
			continue
		}
		age := c.CreatedAt.Sub(o.CreatedAt)
		refund := o.Credited > 0
		if age <= 30*day {
			v.Cases30++
			if refund {
				v.Refunds30++
			}
		}
		if age <= 90*day {
			v.Cases90++
			if refund {
				v.Refunds90++
			}
		}
	}
	if in.Unlocks > 0 {
		v.RefundRate = float64(in.RefundedLeads) / float64(in.Unlocks)
	}
	return v, nil
}

// findingsInput gathers the plain values policy.Findings looks at.
func findingsInput(cfg policy.Config, c Case, cases []Case, unlocks []Unlock) policy.FindingsInput {
	in := policy.FindingsInput{CaseID: c.ID, Reason: c.Reason, SubmittedAt: c.CreatedAt}
	byLead := make(map[string]Unlock, len(unlocks))
	since := c.CreatedAt.Add(-time.Duration(cfg.Findings.RefundRateDays) * 24 * time.Hour)
	for _, u := range unlocks {
		byLead[u.LeadID] = u
		if u.UnlockedAt.After(since) && !u.UnlockedAt.After(c.CreatedAt) {
			in.Unlocks++
			if u.RefundedIn != "" && u.RefundedIn != c.ID {
				in.RefundedLeads++
			}
		}
	}
	for _, l := range c.Leads {
		u := byLead[l.LeadID]
		in.Leads = append(in.Leads, policy.FindingLead{LeadID: l.LeadID, Coins: l.Coins, UnlockedAt: l.UnlockedAt,
			OpenCase: u.OpenCase, RefundedIn: u.RefundedIn})
	}
	mine := map[string]bool{}
	for _, e := range c.Evidence {
		if e.SHA256 != "" {
			in.Evidence = append(in.Evidence, e.SHA256)
			mine[e.SHA256] = true
		}
	}
	for _, o := range cases {
		if o.ID == c.ID {
			continue
		}
		in.PriorCases = append(in.PriorCases, policy.PriorCase{ID: o.ID, CreatedAt: o.CreatedAt, State: o.State, Coins: o.TotalCoins()})
		for _, e := range o.Evidence {
			if mine[e.SHA256] {
				in.Seen = append(in.Seen, policy.SeenHash{SHA256: e.SHA256, CaseID: o.ID})
			}
		}
	}
	return in
}
