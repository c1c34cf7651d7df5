package slackfake_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

const token = "xoxb-test-token"

func newFake(t *testing.T, now func() time.Time) (*slackfake.Server, *slackapi.Client) {
	t.Helper()
	fake := slackfake.New(slackfake.Options{
		Token: token, SigningSecret: "s3cret", Channels: []string{"C1"},
		Users: []slackfake.User{{ID: "U1", Name: "asha"}, {ID: "U2", Name: "ravi"}}, Now: now,
	})
	t.Cleanup(fake.Close)
	return fake, slackapi.New(token, slackapi.OptionAPIURL(fake.APIURL()))
}

func slackErr(t *testing.T, err error) string {
	t.Helper()
	var se slackapi.SlackErrorResponse
	if !errors.As(err, &se) {
		t.Fatalf("got error %v (%T), want a SlackErrorResponse", err, err)
	}
	return se.Err
}

func TestPostThreadUpdate(t *testing.T) {
	fake, api := newFake(t, nil)
	ctx := context.Background()
	_, ts1, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText("card", false),
		slackapi.MsgOptionDisableLinkUnfurl(), slackapi.MsgOptionDisableMediaUnfurl(),
		slackapi.MsgOptionMetadata(slackapi.SlackMetadata{EventType: "refund_case", EventPayload: map[string]any{"case_id": "RF-1"}}))
	if err != nil {
		t.Fatal(err)
	}
	_, ts2, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText("reply", false), slackapi.MsgOptionTS(ts1))
	if err != nil {
		t.Fatal(err)
	}
	if ts1 != "1712345678.000100" || ts2 <= ts1 {
		t.Errorf("got ts %q then %q, want 1712345678.000100 then a later one", ts1, ts2)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", ts1, slackapi.MsgOptionText("card v2", false)); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages("C1")
	if len(msgs) != 2 || msgs[0].Text != "card v2" || msgs[0].Edited != 1 {
		t.Fatalf("got %+v, want the edited card and a reply", msgs)
	}
	if msgs[0].UnfurlLinks == nil || *msgs[0].UnfurlLinks || msgs[0].UnfurlMedia == nil || *msgs[0].UnfurlMedia {
		t.Errorf("unfurl flags not recorded as false: %v %v", msgs[0].UnfurlLinks, msgs[0].UnfurlMedia)
	}
	if !strings.Contains(string(msgs[0].Metadata), `"case_id":"RF-1"`) {
		t.Errorf("metadata %s lacks the case id", msgs[0].Metadata)
	}
	if th := fake.Thread("C1", ts1); len(th) != 1 || th[0].Text != "reply" {
		t.Errorf("thread = %+v", th)
	}
	if _, _, err := api.PostMessageContext(ctx, "C9", slackapi.MsgOptionText("x", false)); slackErr(t, err) != "channel_not_found" {
		t.Errorf("unknown channel: %v", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", "1.2", slackapi.MsgOptionText("x", false)); slackErr(t, err) != "message_not_found" {
		t.Errorf("unknown ts: %v", err)
	}
	if fake.Calls("chat.postMessage") != 3 {
		t.Errorf("got %d postMessage calls, want 3", fake.Calls("chat.postMessage"))
	}
}

func TestConcurrentPostsGetUniqueTS(t *testing.T) {
	_, api := newFake(t, nil)
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			_, ts, err := api.PostMessage("C1", slackapi.MsgOptionText("x", false))
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[ts] {
				t.Errorf("ts %s given twice", ts)
			}
			seen[ts] = true
		})
	}
	wg.Wait()
}

func TestBadTokenRejected(t *testing.T) {
	fake, _ := newFake(t, nil)
	api := slackapi.New("xoxb-wrong", slackapi.OptionAPIURL(fake.APIURL()))
	if _, err := api.AuthTest(); slackErr(t, err) != "invalid_auth" {
		t.Errorf("got %v, want invalid_auth", err)
	}
}

func TestRateLimitAndOutage(t *testing.T) {
	fake, api := newFake(t, nil)
	fake.RateLimit("chat.postMessage", 1, 7)
	_, _, err := api.PostMessage("C1", slackapi.MsgOptionText("x", false))
	var rl *slackapi.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Fatalf("got %v, want RateLimitedError with RetryAfter 7s", err)
	}
	if _, _, err := api.PostMessage("C1", slackapi.MsgOptionText("x", false)); err != nil {
		t.Fatalf("after the limit: %v", err)
	}
	fake.SetDown(true)
	_, _, err = api.PostMessage("C1", slackapi.MsgOptionText("x", false))
	var sc slackapi.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != 503 {
		t.Fatalf("got %v, want StatusCodeError 503", err)
	}
	fake.SetDown(false)
	if n := len(fake.Messages("C1")); n != 1 {
		t.Errorf("got %d messages, want only the one accepted", n)
	}
}

func TestUploadFileIntoThread(t *testing.T) {
	fake, api := newFake(t, nil)
	ctx := context.Background()
	_, ts, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText("card", false))
	if err != nil {
		t.Fatal(err)
	}
	content := "PNG bytes of a screenshot"
	f, err := api.UploadFileContext(ctx, slackapi.UploadFileParameters{
		Filename: "shot.png", FileSize: len(content), Reader: strings.NewReader(content),
		Channel: "C1", ThreadTimestamp: ts, Title: "Screenshot 1",
	})
	if err != nil {
		t.Fatal(err)
	}
	th := fake.Thread("C1", ts)
	if len(th) != 1 || len(th[0].Files) != 1 {
		t.Fatalf("thread = %+v, want one file message", th)
	}
	got := th[0].Files[0]
	if got.ID != f.ID || got.Title != "Screenshot 1" || string(got.Content) != content {
		t.Errorf("got file %+v, want id %s with the content", got, f.ID)
	}
	// A wrong announced size is refused at the upload step.
	_, err = api.UploadFileContext(ctx, slackapi.UploadFileParameters{
		Filename: "x.png", FileSize: 3, Reader: strings.NewReader("four"), Channel: "C1"})
	if err == nil || !strings.Contains(err.Error(), "UploadToURL") {
		t.Errorf("size mismatch: got %v", err)
	}
}

func TestViewsOpenTrigger(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	fake, api := newFake(t, clock)
	view := slackapi.ModalViewRequest{Type: slackapi.VTModal,
		Title:  slackapi.NewTextBlockObject(slackapi.PlainTextType, "Reject RF-1", false, false),
		Blocks: slackapi.Blocks{BlockSet: []slackapi.Block{slackapi.NewDividerBlock()}}}
	if _, err := api.OpenView("nope", view); slackErr(t, err) != "invalid_trigger_id" {
		t.Errorf("unknown trigger: %v", err)
	}
	fresh := fake.IssueTrigger("U1")
	v, err := api.OpenView(fresh, view)
	if err != nil {
		t.Fatal(err)
	}
	if open := fake.OpenViews(); len(open) != 1 || open[0].ID != v.ID || open[0].User != "U1" {
		t.Errorf("open views %+v", open)
	}
	if _, err := api.OpenView(fresh, view); slackErr(t, err) != "expired_trigger_id" {
		t.Errorf("reused trigger: %v", err)
	}
	old := fake.IssueTrigger("U1")
	mu.Lock()
	now = now.Add(3*time.Second + time.Millisecond)
	mu.Unlock()
	if _, err := api.OpenView(old, view); slackErr(t, err) != "expired_trigger_id" {
		t.Errorf("old trigger: %v", err)
	}
}

func TestClickAndSubmitAreSignedSlackPayloads(t *testing.T) {
	fake, api := newFake(t, nil)
	app := newRecordingApp(t, "s3cret")
	blocks := []slackapi.Block{slackapi.NewActionBlock("acts",
		slackapi.NewButtonBlockElement("approve_all", "RF-7", slackapi.NewTextBlockObject(slackapi.PlainTextType, "Approve all", false, false)))}
	_, ts, err := api.PostMessage("C1", slackapi.MsgOptionBlocks(blocks...))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rep, err := fake.ClickButton(ctx, app.URL, "U1", "C1", ts, "approve_all")
	if err != nil || rep.StatusCode != 200 {
		t.Fatalf("click: %v %+v", err, rep)
	}
	ic := app.last(t)
	if ic.Type != slackapi.InteractionTypeBlockActions || ic.User.ID != "U1" || ic.Container.MessageTs != ts ||
		ic.TriggerID != rep.TriggerID || ic.ResponseURL != rep.ResponseURL || ic.Channel.ID != "C1" {
		t.Errorf("parsed %+v", ic)
	}
	if a := ic.ActionCallback.BlockActions; len(a) != 1 || a[0].ActionID != "approve_all" || a[0].Value != "RF-7" || a[0].BlockID != "acts" {
		t.Errorf("actions %+v", a)
	}
	if _, err := fake.ClickButton(ctx, app.URL, "U1", "C1", ts, "reject"); err == nil {
		t.Error("clicking a button the message does not have succeeded")
	}
	if rep, _ := fake.ClickButton(ctx, app.URL, "U1", "C1", ts, "approve_all", slackfake.WithSecret("wrong")); rep.StatusCode != 401 {
		t.Errorf("wrong secret: status %d", rep.StatusCode)
	}
	if rep, _ := fake.ClickButton(ctx, app.URL, "U1", "C1", ts, "approve_all", slackfake.WithTimestamp(time.Now().Add(-6*time.Minute))); rep.StatusCode != 401 {
		t.Errorf("stale: status %d", rep.StatusCode)
	}

	modal := slackapi.ModalViewRequest{Type: slackapi.VTModal, CallbackID: "reject", PrivateMetadata: "RF-7",
		Title:  slackapi.NewTextBlockObject(slackapi.PlainTextType, "Reject", false, false),
		Submit: slackapi.NewTextBlockObject(slackapi.PlainTextType, "Reject", false, false),
		Blocks: slackapi.Blocks{BlockSet: []slackapi.Block{
			slackapi.NewInputBlock("reason", slackapi.NewTextBlockObject(slackapi.PlainTextType, "Reason", false, false), nil,
				slackapi.NewOptionsSelectBlockElement(slackapi.OptTypeStatic, nil, "pick",
					slackapi.NewOptionBlockObject("dup", slackapi.NewTextBlockObject(slackapi.PlainTextType, "Duplicate", false, false), nil))),
			slackapi.NewInputBlock("note", slackapi.NewTextBlockObject(slackapi.PlainTextType, "Note", false, false), nil,
				slackapi.NewPlainTextInputBlockElement(nil, "text")),
		}}}
	v, err := api.OpenView(rep.TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.SubmitView(ctx, app.URL, "U1", v.ID, map[string]map[string]slackfake.Input{"reason": {"pick": {Selected: []string{"other"}}}}); err == nil {
		t.Error("submitting an option the select does not offer succeeded")
	}
	if _, err := fake.SubmitView(ctx, app.URL, "U1", v.ID, map[string]map[string]slackfake.Input{
		"reason": {"pick": {Selected: []string{"dup"}}}, "note": {"text": {Value: "seen before"}}}); err != nil {
		t.Fatal(err)
	}
	ic = app.last(t)
	st := ic.View.State.Values
	if ic.Type != slackapi.InteractionTypeViewSubmission || ic.View.CallbackID != "reject" || ic.View.PrivateMetadata != "RF-7" ||
		st["reason"]["pick"].SelectedOption.Value != "dup" || st["note"]["text"].Value != "seen before" {
		t.Errorf("submission parsed as %+v", ic.View)
	}
	if len(fake.OpenViews()) != 0 {
		t.Error("an empty 200 did not close the view")
	}
}

// recordingApp is a minimal app that verifies signatures as Slack apps do.
type recordingApp struct {
	URL string
	mu  sync.Mutex
	got []slackapi.InteractionCallback
}

func (a *recordingApp) last(t *testing.T) slackapi.InteractionCallback {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.got) == 0 {
		t.Fatal("the app received nothing")
	}
	return a.got[len(a.got)-1]
}

// TestCompleteUploadManyFilesWithComment: the three steps with two files
// and one completeUploadExternal make one thread message holding both
// files and the initial comment as its text; a comment past a message's
// limit is refused, and a file is shared only once.
func TestCompleteUploadManyFilesWithComment(t *testing.T) {
	fake, api := newFake(t, nil)
	ctx := context.Background()
	_, ts, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText("card", false))
	if err != nil {
		t.Fatal(err)
	}
	var files []slackapi.FileSummary
	for _, body := range []string{"one", "two!"} {
		u, err := api.GetUploadURLExternalContext(ctx, slackapi.GetUploadURLExternalParameters{FileName: body + ".png", FileSize: len(body)})
		if err != nil {
			t.Fatal(err)
		}
		if err := api.UploadToURL(ctx, slackapi.UploadToURLParameters{UploadURL: u.UploadURL, Reader: strings.NewReader(body), Filename: body + ".png"}); err != nil {
			t.Fatal(err)
		}
		files = append(files, slackapi.FileSummary{ID: u.FileID, Title: body})
	}
	_, err = api.CompleteUploadExternalContext(ctx, slackapi.CompleteUploadExternalParameters{
		Files: files, Channel: "C1", ThreadTimestamp: ts, InitialComment: strings.Repeat("x", 40001)})
	if slackErr(t, err) != "msg_too_long" {
		t.Fatalf("a 40,001-character comment: %v", err)
	}
	if _, err := api.CompleteUploadExternalContext(ctx, slackapi.CompleteUploadExternalParameters{
		Files: files, Channel: "C1", ThreadTimestamp: ts, InitialComment: "*Note 1:*\nsaid &lt;this&gt;"}); err != nil {
		t.Fatal(err)
	}
	th := fake.Thread("C1", ts)
	if len(th) != 1 || th[0].Text != "*Note 1:*\nsaid &lt;this&gt;" || len(th[0].Files) != 2 ||
		string(th[0].Files[0].Content) != "one" || string(th[0].Files[1].Content) != "two!" {
		t.Fatalf("thread = %+v, want one message with both files and the comment", th)
	}
	_, err = api.CompleteUploadExternalContext(ctx, slackapi.CompleteUploadExternalParameters{Files: files[:1], Channel: "C1", ThreadTimestamp: ts})
	if slackErr(t, err) != "file_not_found" {
		t.Errorf("sharing a file twice: %v", err)
	}
}
