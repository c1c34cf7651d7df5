package slack

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/policy"
)

func ephemeralTexts(r *rig, user string) []string {
	r.a.Wait()
	var out []string
	for _, e := range r.fake.Ephemerals(user) {
		out = append(out, e.Text)
	}
	return out
}

func TestApproveClickThenAlreadyApproved(t *testing.T) {
	r := newRig(t, smallCase())
	ts := r.postCard(t, "RF-12")
	ctx := context.Background()
	rep, err := r.fake.ClickButton(ctx, r.app.URL, "U1", "C1", ts, ActionApproveAll)
	if err != nil || rep.StatusCode != 200 {
		t.Fatalf("click: %v %+v", err, rep)
	}
	calls := r.desk.recorded()
	if len(calls) != 1 || calls[0].Method != "ApproveAll" || calls[0].CaseID != "RF-12" || calls[0].Agent != "U1" {
		t.Fatalf("desk calls %+v", calls)
	}
	if got := ephemeralTexts(r, "U1"); len(got) != 0 {
		t.Errorf("the approver was told %q after a clean approval", got)
	}
	if _, err := r.fake.ClickButton(ctx, r.app.URL, "U2", "C1", ts, ActionApproveAll); err != nil {
		t.Fatal(err)
	}
	got := ephemeralTexts(r, "U2")
	if len(got) != 1 || got[0] != "Already approved by <@U1> at 14:05." {
		t.Errorf("second approver was told %q, want the already-approved notice", got)
	}
}

func TestNonApproverRefused(t *testing.T) {
	r := newRig(t, smallCase())
	ts := r.postCard(t, "RF-12")
	for _, action := range []string{ActionApproveAll, ActionReject} {
		if _, err := r.fake.ClickButton(context.Background(), r.app.URL, "U3", "C1", ts, action); err != nil {
			t.Fatal(err)
		}
	}
	if calls := r.desk.recorded(); len(calls) != 0 {
		t.Errorf("desk called for a non-approver: %+v", calls)
	}
	if len(r.fake.OpenViews()) != 0 {
		t.Error("a modal opened for a non-approver")
	}
	got := ephemeralTexts(r, "U3")
	if len(got) != 2 || got[0] != "You are not an approver for refunds." {
		t.Errorf("non-approver was told %q", got)
	}
}

func TestForgedAndStaleRequestsDoNothing(t *testing.T) {
	r := newRig(t, smallCase())
	ts := r.postCard(t, "RF-12")
	ctx := context.Background()
	for name, opt := range map[string]slackfake.RequestOption{
		"wrong secret": slackfake.WithSecret("guess"),
		"6 min old":    slackfake.WithTimestamp(time.Now().Add(-6 * time.Minute)),
		"6 min ahead":  slackfake.WithTimestamp(time.Now().Add(6 * time.Minute)),
	} {
		rep, err := r.fake.ClickButton(ctx, r.app.URL, "U1", "C1", ts, ActionApproveAll, opt)
		if err != nil || rep.StatusCode != 401 {
			t.Errorf("%s: got %v %+v, want 401", name, err, rep)
		}
		rep, err = r.fake.SlashCommand(ctx, r.app.URL, "U1", "/refund", "RF-12", opt)
		if err != nil || rep.StatusCode != 401 || strings.Contains(string(rep.Body), "RF-12") {
			t.Errorf("%s command: got %v %+v, want 401", name, err, rep)
		}
	}
	if calls := r.desk.recorded(); len(calls) != 0 {
		t.Errorf("desk called: %+v", calls)
	}
	if len(ephemeralTexts(r, "U1")) != 0 {
		t.Error("a refused request produced a message")
	}
}

func TestConcurrentApproveClicks(t *testing.T) {
	r := newRig(t, smallCase())
	ts := r.postCard(t, "RF-12")
	var wg sync.WaitGroup
	for i := range 50 {
		user := []string{"U1", "U2"}[i%2]
		wg.Go(func() {
			rep, err := r.fake.ClickButton(context.Background(), r.app.URL, user, "C1", ts, ActionApproveAll)
			if err != nil || rep.StatusCode != 200 {
				t.Errorf("click: %v %+v", err, rep)
			}
		})
	}
	wg.Wait()
	c, _ := r.desk.Case(context.Background(), "RF-12")
	if c.State != policy.StateApproved || len(c.History) != 2 {
		t.Errorf("case moved %d times, state %s", len(c.History)-1, c.State)
	}
	already := len(ephemeralTexts(r, "U1")) + len(ephemeralTexts(r, "U2"))
	if len(r.desk.recorded()) != 50 || already != 49 {
		t.Errorf("got %d desk calls and %d already-approved notices, want 50 and 49", len(r.desk.recorded()), already)
	}
}

func openModal(t *testing.T, r *rig, action string) slackfake.View {
	t.Helper()
	ts := r.postCard(t, "RF-12")
	if _, err := r.fake.ClickButton(context.Background(), r.app.URL, "U1", "C1", ts, action); err != nil {
		t.Fatal(err)
	}
	views := r.fake.OpenViews()
	if len(views) != 1 || views[0].CallbackID != action || views[0].PrivateMetadata != "RF-12" {
		t.Fatalf("open views %+v, want the %s modal of RF-12", views, action)
	}
	return views[0]
}

// responseErrors decodes a response_action "errors" answer.
func responseErrors(t *testing.T, rep *slackfake.Reply) map[string]string {
	t.Helper()
	if rep.StatusCode != 200 {
		t.Fatalf("status %d", rep.StatusCode)
	}
	if len(rep.Body) == 0 {
		return nil
	}
	var resp struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	if err := json.Unmarshal(rep.Body, &resp); err != nil || resp.ResponseAction != "errors" {
		t.Fatalf("body %s", rep.Body)
	}
	return resp.Errors
}

type inputs = map[string]map[string]slackfake.Input

func TestRejectModal(t *testing.T) {
	r := newRig(t, smallCase())
	v := openModal(t, r, ActionReject)
	ctx := context.Background()
	rep, err := r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{noteBlock: {noteAction: {Value: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	if errs := responseErrors(t, rep); errs[reasonBlock] == "" {
		t.Errorf("no reason: errors %v", errs)
	}
	if len(r.desk.recorded()) != 0 || len(r.fake.OpenViews()) != 1 {
		t.Fatal("an invalid submission reached the desk or closed the modal")
	}
	rep, err = r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{
		reasonBlock: {reasonAction: {Selected: []string{"no_evidence"}}}, noteBlock: {noteAction: {Value: " send the call log "}}})
	if err != nil {
		t.Fatal(err)
	}
	if errs := responseErrors(t, rep); errs != nil {
		t.Fatalf("valid submission refused: %v", errs)
	}
	calls := r.desk.recorded()
	if len(calls) != 1 || calls[0].Method != "Reject" || calls[0].Reason != "no_evidence" || calls[0].Note != "send the call log" {
		t.Errorf("desk calls %+v", calls)
	}
	if len(r.fake.OpenViews()) != 0 {
		t.Error("modal still open after success")
	}
}

func TestApproveSomeModal(t *testing.T) {
	c := bigCase(12)
	c.ID = "RF-12"
	r := newRig(t, c)
	v := openModal(t, r, ActionApproveSome)
	if !strings.Contains(string(v.JSON), `"leads_2"`) {
		t.Fatalf("12 leads should need two checkbox groups: %s", v.JSON)
	}
	ctx := context.Background()
	rep, _ := r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{})
	if errs := responseErrors(t, rep); errs["leads_1"] != "Choose at least one lead." {
		t.Errorf("no lead: errors %v", errs)
	}
	rep, _ = r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{
		"leads_1": {leadsAction: {Selected: []string{"L-07003"}}}, "leads_2": {leadsAction: {Selected: []string{"L-07011"}}}})
	if errs := responseErrors(t, rep); errs != nil {
		t.Fatalf("refused: %v", errs)
	}
	calls := r.desk.recorded()
	if len(calls) != 1 || strings.Join(calls[0].Leads, ",") != "L-07003,L-07011" {
		t.Errorf("desk calls %+v", calls)
	}
}

func TestAskModalAndDecidedInModal(t *testing.T) {
	r := newRig(t, smallCase())
	v := openModal(t, r, ActionAsk)
	ctx := context.Background()
	rep, _ := r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{questionBlock: {questionAction: {Value: "   "}}})
	if errs := responseErrors(t, rep); errs[questionBlock] == "" {
		t.Errorf("blank question accepted: %v", errs)
	}
	// Meanwhile another approver decides: the submission shows who did.
	if _, err := r.desk.ApproveAll(ctx, "RF-12", "U2", testNow); err != nil {
		t.Fatal(err)
	}
	rep, _ = r.fake.SubmitView(ctx, r.app.URL, "U1", v.ID, inputs{questionBlock: {questionAction: {Value: "Which number did you call?"}}})
	if errs := responseErrors(t, rep); errs[questionBlock] != "Already approved by <@U2> at 14:05." {
		t.Errorf("errors %v", errs)
	}
}
