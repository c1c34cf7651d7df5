package story

import (
	"testing"
	"time"
)

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
