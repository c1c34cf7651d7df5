package policy

import (
	"slices"
	"testing"
)

func TestApprovalsNeededAtTheThreshold(t *testing.T) {
	cfg := Default() // 500
	for _, tt := range []struct {
		total int64
		want  int
	}{{0, 1}, {499, 1}, {500, 1}, {501, 2}, {100000, 2}} {
		if got := ApprovalsNeeded(cfg, tt.total); got != tt.want {
			t.Errorf("ApprovalsNeeded(%d) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

func TestCheckApproval(t *testing.T) {
	cfg := Default()
	approvers := []string{"U1", "U2"}
	tests := []struct {
		name    string
		user    string
		total   int64
		prior   []string
		refusal Key
		final   bool
	}{
		{"not an approver", "U9", 100, nil, KeyEphNotApprover, false},
		{"empty user", "", 100, nil, KeyEphNotApprover, false},
		{"small case, one approval", "U1", 500, nil, "", true},
		{"big case, first approval", "U1", 501, nil, "", false},
		{"big case, same approver again", "U1", 501, []string{"U1"}, KeyEphSecondMustDiffer, false},
		{"big case, second approver", "U2", 501, []string{"U1"}, "", true},
	}
	for _, tt := range tests {
		st, refusal := CheckApproval(cfg, approvers, tt.user, tt.total, tt.prior)
		key := Key("")
		if refusal != nil {
			key = refusal.Key
		}
		if key != tt.refusal || st.Final != tt.final {
			t.Errorf("%s: refusal %q final %v, want %q %v", tt.name, key, st.Final, tt.refusal, tt.final)
		}
		if tt.refusal == "" && !tt.final {
			if st.Notice.Key != KeyEphFirstApproval || st.Notice.Args["have"] != "1" || st.Notice.Args["need"] != "2" || st.Notice.Args["threshold"] != "500" {
				t.Errorf("%s: notice %+v", tt.name, st.Notice)
			}
		}
	}
}

func TestAgreedLeads(t *testing.T) {
	if got := AgreedLeads([]string{"A", "B", "C"}, []string{"C", "A"}); !slices.Equal(got, []string{"A", "C"}) {
		t.Errorf("AgreedLeads = %v", got)
	}
	if got := AgreedLeads([]string{"A"}); !slices.Equal(got, []string{"A"}) {
		t.Errorf("one approval = %v", got)
	}
	if got := AgreedLeads(); got != nil {
		t.Errorf("no approvals = %v", got)
	}
}

func TestOutcomeState(t *testing.T) {
	a, r, p := LeadApproved, LeadRejected, LeadPending
	tests := []struct {
		in   []LeadDecision
		want State
		ok   bool
	}{
		{[]LeadDecision{a, a}, StateApproved, true},
		{[]LeadDecision{r}, StateRejected, true},
		{[]LeadDecision{a, r}, StatePartlyApproved, true},
		{[]LeadDecision{a, p}, "", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		if got, ok := OutcomeState(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("OutcomeState(%v) = %q %v", tt.in, got, ok)
		}
	}
}

func TestRejectReasons(t *testing.T) {
	var codes []RejectCode
	for _, r := range RejectReasons() {
		codes = append(codes, r.Code)
		if got, ok := RejectReasonByCode(r.Code); !ok || got != r {
			t.Errorf("RejectReasonByCode(%q) = %v %v", r.Code, got, ok)
		}
		if s, _ := Spec(r.AgentLabel); s.Audience != Agent {
			t.Errorf("%s: agent label is not an agent key", r.Code)
		}
		if s, _ := Spec(r.ProviderText); s.Audience != Provider {
			t.Errorf("%s: provider text is not a provider key", r.Code)
		}
	}
	want := []RejectCode{"insufficient_evidence", "outside_window", "client_reached", "lead_valid", "duplicate_request", "other"}
	if !slices.Equal(codes, want) {
		t.Errorf("codes = %v", codes)
	}
	if r, _ := RejectReasonByCode(RejectOther); !r.NoteRequired {
		t.Error("other must require a note")
	}
	if _, ok := RejectReasonByCode("rude"); ok {
		t.Error("unknown code found")
	}
}

func TestCanDecide(t *testing.T) {
	if !CanDecide([]string{"U1"}, "U1") || CanDecide([]string{"U1"}, "u1") || CanDecide(nil, "U1") || CanDecide([]string{""}, "") {
		t.Error("CanDecide wrong")
	}
}
