package cmdline

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestClosest(t *testing.T) {
	cands := []string{"serve", "demo", "check", "import", "wallet", "case", "verify", "backup", "jobs", "script", "load", "help", "version"}
	for _, tc := range []struct{ name, want string }{
		{"chek", "check"},
		{"CHECK", "check"},
		{"serv", "serve"},
		{"walet", "wallet"},
		{"verison", "version"},
		{"frobnicate", ""},
		{"x", ""},
	} {
		if got := Closest(tc.name, cands); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := Closest("jsn", []string{"json", "out", "config"}); got != "json" {
		t.Errorf("Closest(jsn) = %q, want json", got)
	}
}

func TestVersion(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0773f2d0a1b2c3d4e5f60718293a4b5c6d7e8f90"}}}
	for _, tc := range []struct {
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{stamped, true, "refundbot v1.4.0 (0773f2d0a1b2, go1.26.0)"},
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, true, "refundbot (devel) (unknown, go1.26.0)"},
		{nil, false, "refundbot (devel) (unknown, " + runtime.Version() + ")"},
	} {
		if got := Version(tc.info, tc.ok); got != tc.want {
			t.Errorf("Version = %q, want %q", got, tc.want)
		}
	}
}
