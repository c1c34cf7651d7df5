package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the demo writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startDemo runs `refundbot demo args...` until the test stops it; it
// returns the playground's URL, the output and a stop function that
// returns the command's error.
func startDemo(t *testing.T, args ...string) (string, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"demo"}, args...), envOf(nil), strings.NewReader(""), &out, &errs)
	}()
	urlRE := regexp.MustCompile(`playground is at (http://\S+)`)
	deadline := time.Now().Add(15 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			stopped := false
			var err error
			stop := func() error {
				if !stopped {
					cancel()
					err, stopped = <-done, true
				}
				return err
			}
			t.Cleanup(func() { _ = stop() })
			return m[1], &out, stop
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("demo ended before serving: %v\n%s%s", err, out.String(), errs.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("demo did not print its URL:\n%s%s", out.String(), errs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestDemoCommand runs the command as a newcomer would: it seeds the sample
// data, prints the URL, the data directory and how to stop, serves the page
// and the bot until stopped, and keeps --data for the next run.
func TestDemoCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "demo-data")
	url, out, stop := startDemo(t, "--addr", "127.0.0.1:0", "--data", data)
	for _, want := range []string{"Imported sample providers.csv: 3 new", "Imported sample unlocks.csv: 7 new",
		"Data: " + data + " (kept)", "Stop with Ctrl-C", "The bot's own HTTP"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	res, err := http.Get(url + "/api/setup")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"provider_id":"P-1003"`) {
		t.Errorf("setup: %d %s", res.StatusCode, body)
	}
	botURL := regexp.MustCompile(`The bot's own HTTP \(Slack endpoints, /healthz\): (\S+)`).FindStringSubmatch(out.String())
	if botURL == nil || botURL[1] == url {
		t.Fatalf("the bot's address is missing or is the playground's:\n%s", out)
	}
	if res, err := http.Get(botURL[1] + "/healthz"); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("the bot's /healthz: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	if err := stop(); err != nil {
		t.Fatalf("demo stopped with %v", err)
	}
	if !strings.Contains(out.String(), "refundbot demo: stopped.") {
		t.Errorf("no goodbye:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(data, "refundbot.db")); err != nil {
		t.Errorf("--data was not kept: %v", err)
	}

	// A second run on the same data does not import again.
	_, out, stop = startDemo(t, "--addr", "127.0.0.1:0", "--data", data)
	if !strings.Contains(out.String(), "already in this database") {
		t.Errorf("second run:\n%s", out)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestDemoTemporaryDataIsRemoved: without --data the database lives in a
// temporary directory that is gone after the demo.
func TestDemoTemporaryDataIsRemoved(t *testing.T) {
	_, out, stop := startDemo(t, "--addr", "127.0.0.1:0")
	m := regexp.MustCompile(`Data: (\S+) \(temporary`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no temporary data directory in:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(m[1], "refundbot.db")); err != nil {
		t.Fatalf("database not in %s: %v", m[1], err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("%s left behind: %v", m[1], err)
	}
}

// TestDemoPortInUse: a busy --addr gives a plain explanation, exit 1, and
// creates nothing.
func TestDemoPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data := filepath.Join(t.TempDir(), "never")
	_, errs, code := runArgs(t, nil, "demo", "--addr", ln.Addr().String(), "--data", data)
	want := ln.Addr().String() + " is already in use (is another demo running?); choose another address with --addr"
	if code != exitFailure || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q, want 1 and %q", code, errs, want)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("a failed start created %s", data)
	}
}
