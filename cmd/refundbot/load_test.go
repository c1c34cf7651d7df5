package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestLoadCommand runs a small load and checks it reports every figure and
// that the run was clean (runLoad fails on a lost step or a dirty verify).
func TestLoadCommand(t *testing.T) {
	var out bytes.Buffer
	c := &cli{inv: invocation{flags: map[string]string{"providers": "20", "sessions": "50", "duration": "2m"}}, stdout: &out, stderr: &out}
	if err := runLoad(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| providers through the whole flow | 20 (", "then 20 approvals) |",
		"step latency p50 / p99", "19 providers at once (update taken → dialogue committed)", "approval latency", "ratio steps / bare commits", "resumed at their step after a restart | 50 of 50", "VmHWM"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	// The process's CPU a step is measured, not a zero that reads well
	// (20 providers leave no burst of clicks: its CPU reads 0s).
	cpu := regexp.MustCompile(`\| CPU of this process a step at once / a click of the burst [^|]*\| (\S+) / (\S+) \|`).FindStringSubmatch(out.String())
	if cpu == nil {
		t.Fatalf("report lacks the CPU row:\n%s", out.String())
	}
	if d, err := time.ParseDuration(cpu[1]); err != nil || d <= 0 || d > time.Second {
		t.Errorf("CPU a step reads %q; want a positive duration under a second", cpu[1])
	}
	if cpu[2] != "0s" {
		t.Errorf("CPU a click reads %q with no burst of clicks; want 0s", cpu[2])
	}
}

// TestLoadBounds: the flags are bounded.
func TestLoadBounds(t *testing.T) {
	for _, flags := range []map[string]string{{"providers": "100000"}, {"duration": "1h"}, {"sessions": "-1"}, {"notifications": "x"},
		{"etcd-endpoints": "http://127.0.0.1:2379"}, {"etcd": "", "etcd-endpoints": "127.0.0.1:2379"}, {"etcd": "", "etcd-endpoints": "http://127.0.0.1:2379,"}} {
		c := &cli{inv: invocation{flags: flags}}
		if err := runLoad(t.Context(), c); err == nil {
			t.Errorf("%v accepted", flags)
		}
	}
}
