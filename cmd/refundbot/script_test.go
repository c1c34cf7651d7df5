package main

import (
	"flag"
	"testing"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/story"
	"github.com/rogpeppe/go-internal/testscript"
)

var updateStories = flag.Bool("update", false, "rewrite the goldens: the transcripts inside testdata/stories/*.txtar and testdata/cli/*.golden")

// TestStories runs every story of testdata/stories against the real
// wiring, each in its own world and in parallel, and then scans the logs
// of all of them (at debug level) for the fake tokens, the signing secret
// and any provider phone number of the stories, in every form.
// socketStories run a second time in Socket Mode: every kind of agent
// request (button, modal, slash command), a restart and a crash.
var socketStories = []string{
	"duplicate-click", "two-approvers", "decide-similar", "slash-command", "ask-provider",
	"partial-approval", "rejection", "non-approver", "appeal-approved", "restart-mid-flow", "crash-mid-flow",
}

func TestStories(t *testing.T) {
	sink := story.NewLogSink()
	t.Run("story", func(t *testing.T) {
		p := story.Params(story.Options{Logs: sink})
		p.Dir = "testdata/stories"
		p.UpdateScripts = *updateStories
		testscript.Run(t, p)
	})
	// The stories in which agents click, submit modals and run /refund
	// run again with the desk in Socket Mode: the same transcripts must
	// come out when every agent request is an envelope over the app's
	// WebSocket (slack-go's socketmode client against the fake's).
	t.Run("socket", func(t *testing.T) {
		p := story.Params(story.Options{Logs: sink, Socket: true})
		for _, name := range socketStories {
			p.Files = append(p.Files, "testdata/stories/"+name+".txtar")
		}
		testscript.Run(t, p)
	})
	if t.Failed() {
		return
	}
	if sink.Size() == 0 {
		t.Fatal("the stories logged nothing: the secrets scan would prove nothing")
	}
	for _, leak := range sink.Leaks() {
		t.Errorf("a log shows a secret or a phone number: %s", leak)
	}
}
