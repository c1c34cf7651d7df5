package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// similarFinder answers SimilarCases with every case of the desk, the
// given one first; cases in warn get a warning.
type similarFinder struct {
	d    *fakeDesk
	warn map[string]bool
}

func (f similarFinder) SimilarCases(ctx context.Context, caseID string) ([]conversations.CaseView, error) {
	var ids []string
	f.d.mu.Lock()
	for id := range f.d.cases {
		ids = append(ids, id)
	}
	f.d.mu.Unlock()
	ids = sortedCaseIDs(ids)
	i := slices.Index(ids, caseID)
	ids = append([]string{caseID}, slices.Delete(ids, i, i+1)...)
	var out []conversations.CaseView
	for _, id := range ids {
		c, _ := f.d.Case(ctx, id)
		v := conversations.CaseView{Case: c, Provider: conversations.Provider{ID: c.ProviderID, Phone: "+919876543210"}, MaskedPhone: conversations.MaskPhone("+919876543210"),
			Findings: []policy.Finding{{Check: policy.CheckWindow, Level: policy.LevelPass, Message: "inside the window"}}}
		if f.warn[id] {
			v.Findings = append(v.Findings, policy.Finding{Check: policy.CheckSameLead, Level: policy.LevelWarn, Message: "Lead L-5001 is also in 1 other open case(s): RF-1"})
		}
		out = append(out, v)
	}
	return out, nil
}

// 25 similar cases: three checkbox groups of at most ten, every case
// listed with its provider (masked), coins and checks, the all-green
// ones pre-selected; one submit approves each selected case once through
// the Desk, and the agent is told the count.
func TestDecideSimilarModal(t *testing.T) {
	var cs []conversations.Case
	for i := 1; i <= 25; i++ {
		c := smallCase()
		c.ID, c.Seq = fmt.Sprintf("RF-%d", i), uint64(i)
		cs = append(cs, c)
	}
	r := newRig(t, cs...)
	r.a.opts.Similar = similarFinder{d: r.desk, warn: map[string]bool{"RF-3": true, "RF-7": true}}
	ts := r.postSimilarCard(t, "RF-1")
	if _, err := r.fake.ClickButton(context.Background(), r.app.URL, "U1", "C1", ts, ActionDecideSimilar); err != nil {
		t.Fatal(err)
	}
	views := r.fake.OpenViews()
	if len(views) != 1 || views[0].CallbackID != ActionDecideSimilar || views[0].PrivateMetadata != "RF-1" {
		t.Fatalf("open views %+v, want the similar modal of RF-1", views)
	}
	var v struct {
		Blocks []struct {
			Type    string `json:"type"`
			BlockID string `json:"block_id"`
			Element struct {
				Options []struct {
					Value       string `json:"value"`
					Text        struct{ Text string }
					Description struct{ Text string }
				} `json:"options"`
				Initial []struct {
					Value string `json:"value"`
				} `json:"initial_options"`
			} `json:"element"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(views[0].JSON, &v); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	var listed, preselected []string
	for _, b := range v.Blocks {
		if b.Type != "input" {
			continue
		}
		sizes = append(sizes, len(b.Element.Options))
		for _, o := range b.Element.Options {
			listed = append(listed, o.Value)
			if !strings.Contains(o.Text.Text, "350 coins") || !strings.Contains(o.Text.Text, "••") || strings.Contains(o.Text.Text, "9876543210") {
				t.Errorf("option %q: want coins and a masked phone", o.Text.Text)
			}
			if (o.Value == "RF-3" || o.Value == "RF-7") != strings.Contains(o.Description.Text, "L-5001") {
				t.Errorf("%s checks %q", o.Value, o.Description.Text)
			}
		}
		for _, o := range b.Element.Initial {
			preselected = append(preselected, o.Value)
		}
	}
	if !slices.Equal(sizes, []int{10, 10, 5}) || len(listed) != 25 || listed[0] != "RF-1" {
		t.Errorf("groups %v, listed %v", sizes, listed)
	}
	if len(preselected) != 23 || slices.Contains(preselected, "RF-3") || slices.Contains(preselected, "RF-7") {
		t.Errorf("pre-selected %v, want all but RF-3 and RF-7", preselected)
	}
	// Submit the pre-selection, as Slack sends it when the agent just
	// presses the button.
	values := map[string]map[string]slackfake.Input{}
	for _, b := range v.Blocks {
		if b.Type == "input" {
			in := slackfake.Input{}
			for _, o := range b.Element.Initial {
				in.Selected = append(in.Selected, o.Value)
			}
			values[b.BlockID] = map[string]slackfake.Input{similarAction: in}
		}
	}
	rep, err := r.fake.SubmitView(context.Background(), r.app.URL, "U1", views[0].ID, values)
	if err != nil || rep.StatusCode != 200 || len(rep.Body) > 0 && strings.Contains(string(rep.Body), "errors") {
		t.Fatalf("submit: %v %+v %s", err, rep, rep.Body)
	}
	decided := map[string]int{}
	for _, c := range r.desk.recorded() {
		if c.Method != "ApproveAll" || c.Agent != "U1" {
			t.Errorf("desk call %+v", c)
		}
		decided[c.CaseID]++
	}
	if len(decided) != 23 || decided["RF-3"] != 0 || decided["RF-7"] != 0 {
		t.Errorf("decided %v, want each of the 23 pre-selected once", decided)
	}
	for id, n := range decided {
		if n != 1 {
			t.Errorf("%s decided %d times", id, n)
		}
	}
	if got := ephemeralTexts(r, "U1"); len(got) != 1 || !strings.HasPrefix(got[0], "Decided 23 of 23 selected cases.") {
		t.Errorf("agent told %q", got)
	}
}

// A non-approver cannot open the list; a submission with nothing selected
// is refused on the modal and decides nothing.
func TestDecideSimilarRefusals(t *testing.T) {
	c := smallCase()
	r := newRig(t, c)
	r.a.opts.Similar = similarFinder{d: r.desk}
	ts := r.postSimilarCard(t, c.ID)
	if _, err := r.fake.ClickButton(context.Background(), r.app.URL, "U3", "C1", ts, ActionDecideSimilar); err != nil {
		t.Fatal(err)
	}
	if len(r.fake.OpenViews()) != 0 {
		t.Fatal("a non-approver opened the list")
	}
	if _, err := r.fake.ClickButton(context.Background(), r.app.URL, "U1", "C1", ts, ActionDecideSimilar); err != nil {
		t.Fatal(err)
	}
	views := r.fake.OpenViews()
	if len(views) != 1 {
		t.Fatalf("views %+v", views)
	}
	rep, err := r.fake.SubmitView(context.Background(), r.app.URL, "U1", views[0].ID, map[string]map[string]slackfake.Input{})
	if err != nil || !strings.Contains(string(rep.Body), "Choose at least one case") {
		t.Errorf("empty submit: %v %s", err, rep.Body)
	}
	if calls := r.desk.recorded(); len(calls) != 0 {
		t.Errorf("desk called: %+v", calls)
	}
}

// /refund queue offers "Decide similar…" for each group of open cases
// sharing reason and detail, starting from its oldest case.
func TestQueueOffersDecideSimilar(t *testing.T) {
	var cs []conversations.Case
	for i := 1; i <= 3; i++ {
		c := smallCase()
		c.ID, c.Seq = fmt.Sprintf("RF-%d", i), uint64(i)
		cs = append(cs, c)
	}
	lone := smallCase()
	lone.ID, lone.Seq, lone.Reason = "RF-4", 4, policy.ReasonTechnicalIssue
	r := newRig(t, append(cs, lone)...)
	r.a.opts.Similar = similarFinder{d: r.desk}
	rep, err := r.fake.SlashCommand(context.Background(), r.app.URL, "U1", "/refund", "queue")
	if err != nil || rep.StatusCode != 200 {
		t.Fatalf("queue: %v %+v", err, rep)
	}
	body := string(rep.Body)
	if strings.Count(body, `"action_id":"`+ActionDecideSimilar+`"`) != 1 || !strings.Contains(body, "*3* open cases share") {
		t.Errorf("queue answer %s: want one Decide similar button, for the three alike", body)
	}
}
