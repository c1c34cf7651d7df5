package cmdline

import (
	"runtime"
	"runtime/debug"
)

// Version is the line `refundbot version` prints:
// "refundbot VERSION (COMMIT, GO VERSION)". The version is the main
// module's ("(devel)" for a plain build outside a tagged module), the
// commit is the VCS revision the Go tool stamped (its first 12 digits,
// "unknown" when the build had none, as under go test or with
// -buildvcs=false).
func Version(info *debug.BuildInfo, ok bool) string {
	version, commit, goVersion := "(devel)", "unknown", runtime.Version()
	if ok && info != nil {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && s.Value != "" {
				commit = s.Value[:min(12, len(s.Value))]
			}
		}
	}
	return "refundbot " + version + " (" + commit + ", " + goVersion + ")"
}
