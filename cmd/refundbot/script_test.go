package main

import (
	"flag"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateStories = flag.Bool("update", false, "rewrite the transcripts inside testdata/stories/*.txtar")

// TestStories runs every story of testdata/stories against the real
// wiring, each in its own world and in parallel, and then scans the logs
// of all of them (at debug level) for the fake tokens, the signing secret
// and any provider phone number of the stories, in every form.
func TestStories(t *testing.T) {
	sink := newLogSink()
	t.Run("story", func(t *testing.T) {
		p := storyParams(storyOptions{Logs: sink})
		p.Dir = "testdata/stories"
		p.UpdateScripts = *updateStories
		testscript.Run(t, p)
	})
	if t.Failed() {
		return
	}
	if sink.size() == 0 {
		t.Fatal("the stories logged nothing: the secrets scan would prove nothing")
	}
	for _, leak := range sink.leaks() {
		t.Errorf("a log shows a secret or a phone number: %s", leak)
	}
}

// TestStoryClock: set, advance, no going back by Advance, and real time
// passing in between.
func TestStoryClock(t *testing.T) {
	real := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &storyClock{since: func() time.Time { return real }}
	at := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	c.Set(at)
	if got := c.Now(); !got.Equal(at) {
		t.Fatalf("after Set: %v, want %v", got, at)
	}
	real = real.Add(3 * time.Second)
	if got, want := c.Now(), at.Add(3*time.Second); !got.Equal(want) {
		t.Fatalf("after 3 real seconds: %v, want %v", got, want)
	}
	if !c.Advance(5 * time.Hour) {
		t.Fatal("Advance(5h) refused")
	}
	if got, want := c.Now(), at.Add(5*time.Hour+3*time.Second); !got.Equal(want) {
		t.Fatalf("after Advance: %v, want %v", got, want)
	}
	if c.Advance(-time.Hour) {
		t.Fatal("Advance(-1h) accepted: time would run backwards")
	}
	if d, err := storyDuration("1d12h"); err != nil || d != 36*time.Hour {
		t.Fatalf("storyDuration(1d12h) = %v, %v", d, err)
	}
}
