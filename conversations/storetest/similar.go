package storetest

import (
	stdmaps "maps"
	"slices"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// testOpenSimilar: a store finds the other open cases of a case's reason
// and detail and of its leads (a lead another provider unlocked too), as
// conversations.OpenSimilarOf finds them among every open case; a case
// leaves them when it is decided and new cases join them.
func testOpenSimilar(t *testing.T, r *rig) {
	if _, err := r.st.RecordUnlocks(r.ctx, []conversations.Unlock{
		{ProviderID: "P2", LeadID: "L-1", Coins: 10, UnlockedAt: t0, Category: "plumbing"},
		{ProviderID: "P2", LeadID: "L-3", Coins: 10, UnlockedAt: t0, Category: "plumbing"},
	}); err != nil {
		t.Fatalf("RecordUnlocks of P2: %v", err)
	}
	submit := func(provider, what string, leads ...string) conversations.Case {
		t.Helper()
		c, err := r.st.SubmitCase(r.ctx, conversations.NewCase{ProviderID: provider, ChatID: 7, Language: policy.LangEnglish,
			Reason: policy.ReasonInvalidLead, Answers: map[string]string{policy.QWhat: what}, LeadIDs: leads,
			At: t0.Add(time.Minute), Effects: cardAndConfirmation})
		if err != nil {
			t.Fatalf("SubmitCase(%s, %s, %v): %v", provider, what, leads, err)
		}
		return c
	}
	a := submit("P1", "wrong_number", "L-1")
	b := submit("P1", "wrong_number", "L-2")
	c := submit("P1", "duplicate", "L-3")
	d := submit("P2", "duplicate", "L-1", "L-3")
	e := submit("P1", "wrong_number", "L-4")
	check := func(when string, x conversations.Case, kind []string, byLead map[string][]string) {
		t.Helper()
		got, err := r.st.OpenSimilar(r.ctx, x)
		if err != nil {
			t.Fatalf("%s: OpenSimilar(%s): %v", when, x.ID, err)
		}
		if !slices.Equal(got.Kind, kind) || !stdmaps.EqualFunc(nonEmpty(got.ByLead), byLead, slices.Equal) {
			t.Errorf("%s: OpenSimilar(%s) = %v %v, want %v %v", when, x.ID, got.Kind, got.ByLead, kind, byLead)
		}
		open, err := r.st.OpenCases(r.ctx)
		if err != nil {
			t.Fatalf("OpenCases: %v", err)
		}
		if want := conversations.OpenSimilarOf(x, open); !slices.Equal(got.Kind, want.Kind) || !stdmaps.EqualFunc(nonEmpty(got.ByLead), nonEmpty(want.ByLead), slices.Equal) {
			t.Errorf("%s: OpenSimilar(%s) = %v %v, the rule over the open cases gives %v %v", when, x.ID, got.Kind, got.ByLead, want.Kind, want.ByLead)
		}
	}
	check("all open", a, []string{b.ID, e.ID}, map[string][]string{"L-1": {d.ID}})
	check("all open", c, []string{d.ID}, map[string][]string{"L-3": {d.ID}})
	check("all open", d, []string{c.ID}, map[string][]string{"L-1": {a.ID}, "L-3": {c.ID}})
	if _, err := r.desk.ApproveAll(r.ctx, b.ID, "UA", t0.Add(time.Hour)); err != nil {
		t.Fatalf("ApproveAll(%s): %v", b.ID, err)
	}
	if _, err := r.desk.Reject(r.ctx, d.ID, "UA", string(policy.RejectOther), "no", t0.Add(time.Hour)); err != nil {
		t.Fatalf("Reject(%s): %v", d.ID, err)
	}
	check("two decided", a, []string{e.ID}, map[string][]string{})
	check("two decided", c, nil, map[string][]string{})
	// A decided case still finds the open ones like it (the modal says it
	// is decided; the others are listed as they were).
	check("decided itself", b, []string{a.ID, e.ID}, map[string][]string{})
	f := submit("P2", "duplicate", "L-3")
	check("one more", c, []string{f.ID}, map[string][]string{"L-3": {f.ID}})
}

// nonEmpty is m without its empty lists: a store may list a lead with no
// other case or leave it out.
func nonEmpty(m map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}
