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
func TestStories(t *testing.T) {
	sink := story.NewLogSink()
	t.Run("story", func(t *testing.T) {
		p := story.Params(story.Options{Logs: sink})
		p.Dir = "testdata/stories"
		p.UpdateScripts = *updateStories
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
