// Package refundbot_test holds the test that keeps the import table of
// DESIGN.md true: dependencies point inward, transports never import each
// other or storage, policy and conversations never import an SDK.
package refundbot_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/rockerstop/refundbot"

// importRule is one row of the table: what the non-test files of a
// package may import besides the standard library and their own row.
type importRule struct {
	row     string   // package path in the module; also covers its subpackages without a row of their own
	exact   bool     // covers row itself only, not its subpackages
	any     bool     // may import anything (cmd)
	ours    []string // rows of this module it may import
	foreign []string // third-party import path prefixes it may import
}

// importTable is DESIGN.md's "Packages" table.
func importTable() []importRule {
	return []importRule{
		{row: "policy"},
		{row: "conversations", ours: []string{"policy"}},
		{row: "storage", ours: []string{"conversations", "policy"},
			foreign: []string{"go.etcd.io/bbolt", "github.com/nyaruka/phonenumbers"}},
		{row: "storage/etcdstore", ours: []string{"conversations", "policy"},
			foreign: []string{"go.etcd.io/etcd/client/v3", "go.etcd.io/etcd/api/v3", "go.uber.org/zap"}}, // zap: the etcd client's logger
		{row: "bot", ours: []string{"conversations", "policy"},
			foreign: []string{"github.com/robfig/cron/v3", "github.com/prometheus/client_golang", "golang.org/x/time/rate"}},
		{row: "bot/telegram", ours: []string{"conversations", "policy"},
			foreign: []string{"github.com/go-telegram/bot", "golang.org/x/time/rate"}},
		{row: "bot/slack", ours: []string{"conversations", "policy"},
			foreign: []string{"github.com/slack-go/slack", "golang.org/x/time/rate"}},
		// The fake Slack for tests speaks Socket Mode over a WebSocket of
		// its own: the server side slack-go does not provide.
		{row: "bot/slack/slackfake", foreign: []string{"github.com/gorilla/websocket", "golang.org/x/time/rate"}},
		{row: "cmd/refundbot", exact: true, any: true}, // package main: main.go, the command table, one file per command
		// What the commands use that is not the runtime path: the
		// application (config, wiring), the CSV importers, the world on
		// the built-in fakes, the story engine, the playground, the load
		// generator. They may import anything but package main (Go forbids
		// that anyway); nothing outside cmd may import them.
		{row: "cmd/refundbot/internal/app", any: true},
		{row: "cmd/refundbot/internal/csvimport", any: true},
		{row: "cmd/refundbot/internal/world", any: true},
		{row: "cmd/refundbot/internal/story", any: true},
		{row: "cmd/refundbot/internal/playground", any: true},
		{row: "cmd/refundbot/internal/load", any: true},
		{row: "cmd/refundbot/internal/cmdline"}, // the command line's suggestions and version: standard library only
	}
}

// under reports whether path is prefix or below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// rowOf returns the rule of a package path relative to the module: the
// longest row that covers it.
func rowOf(rel string) (importRule, bool) {
	var best importRule
	found := false
	for _, r := range importTable() {
		covers := under(rel, r.row)
		if r.exact {
			covers = rel == r.row
		}
		if covers && (!found || len(r.row) > len(best.row)) {
			best, found = r, true
		}
	}
	return best, found
}

// importProblem says why pkg may not import imp, or "" when it may. Both
// are full import paths.
func importProblem(pkg, imp string) string {
	rel := strings.TrimPrefix(pkg, module+"/")
	rule, ok := rowOf(rel)
	if !ok {
		return pkg + " has no row in the import table (deps_test.go, DESIGN.md)"
	}
	if rule.any || !strings.Contains(strings.Split(imp, "/")[0], ".") {
		return "" // cmd, or the standard library
	}
	if under(imp, module) {
		impRel := strings.TrimPrefix(imp, module+"/")
		impRule, ok := rowOf(impRel)
		if ok && impRule.row == rule.row {
			return "" // its own row: a subpackage or its parent
		}
		for _, o := range rule.ours {
			if ok && impRule.row == o {
				return ""
			}
		}
		return pkg + " may not import " + imp
	}
	for _, f := range rule.foreign {
		if under(imp, f) {
			return ""
		}
	}
	return pkg + " may not import " + imp
}

func TestImportTable(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list packages: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-e", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] == module {
			continue // the module root holds only this test
		}
		checked++
		for _, imp := range fields[1:] {
			if p := importProblem(fields[0], imp); p != "" {
				t.Error(p)
			}
		}
	}
	if checked < 3 {
		t.Errorf("go list found only %d packages; is the test running at the module root?", checked)
	}
}

// TestImportProblem proves the rules catch what they must.
func TestImportProblem(t *testing.T) {
	m := module + "/"
	for _, tc := range []struct {
		pkg, imp string
		ok       bool
	}{
		{m + "policy", "fmt", true},
		{m + "policy", m + "storage", false},
		{m + "policy", m + "conversations", false},
		{m + "policy", "github.com/slack-go/slack", false},
		{m + "conversations", m + "policy", true},
		{m + "conversations", m + "storage", false},
		{m + "conversations", "go.etcd.io/bbolt", false},
		{m + "storage", "go.etcd.io/bbolt", true},
		{m + "storage", "go.etcd.io/bbolt/errors", true},
		{m + "storage", "go.etcd.io/bboltx", false},
		{m + "storage", m + "bot", false},
		{m + "storage/etcdstore", "go.etcd.io/etcd/client/v3/concurrency", true},
		{m + "storage/etcdstore", m + "conversations", true},
		{m + "storage/etcdstore", m + "storage", false},
		{m + "storage/etcdstore", "go.etcd.io/bbolt", false},
		{m + "storage", "go.etcd.io/etcd/client/v3", false},
		{m + "bot", "github.com/robfig/cron/v3", true},
		{m + "bot", m + "storage", false},
		{m + "bot", m + "bot/telegram", false},
		{m + "bot/outbox", m + "bot", true},
		{m + "bot/telegram", m + "bot/slack", false},
		{m + "bot/telegram", m + "storage", false},
		{m + "bot/telegram", "github.com/slack-go/slack", false},
		{m + "bot/telegram/fakeapi", m + "bot/telegram", true},
		{m + "bot/telegram", "github.com/go-telegram/bot/models", true},
		{m + "bot/slack", "github.com/slack-go/slack/socketmode", true},
		{m + "bot/slack", m + "bot/telegram", false},
		{m + "bot/slack", "golang.org/x/time/rate", true},
		{m + "cmd/refundbot", m + "storage", true},
		{m + "cmd/refundbot", "go.yaml.in/yaml/v3", true},
		{m + "cmd/refundbot/internal/story", m + "cmd/refundbot/internal/world", true},
		{m + "bot", m + "cmd/refundbot/internal/app", false},
		{m + "bot/slack", m + "cmd/refundbot/internal/world", false},
		{m + "storage", m + "cmd/refundbot", false},
		{m + "cmd/refundbot/internal/other", "fmt", false},
		{m + "cmd/other", "fmt", false},
		{m + "internal/x", "fmt", false},
	} {
		if got := importProblem(tc.pkg, tc.imp) == ""; got != tc.ok {
			t.Errorf("%s importing %s: allowed=%v, want %v", tc.pkg, tc.imp, got, tc.ok)
		}
	}
}

// runtimeRoots are the packages an update, a click, a delivery or a job
// passes through; none of them may depend on anything under cmd/.
var runtimeRoots = []string{"./bot/...", "./conversations/...", "./policy/...", "./storage/..."}

// TestRuntimePathOutsideMain keeps package main off the runtime path:
// nothing the running bot is made of depends on cmd/, and package main
// declares no method that would make it a part of the running system (a
// delivery sender, an HTTP handler, a runner, a handler waiter).
func TestRuntimePathOutsideMain(t *testing.T) {
	out := goList(t, append([]string{"-deps", "-f", "{{.ImportPath}}"}, runtimeRoots...)...)
	for _, dep := range strings.Fields(out) {
		if under(dep, module+"/cmd") {
			t.Errorf("the runtime path depends on %s", dep)
		}
	}
	fset := token.NewFileSet()
	files := strings.Fields(goList(t, "-f", `{{range .GoFiles}}{{$.Dir}}/{{.}} {{end}}`, "./cmd/refundbot"))
	if len(files) < 3 {
		t.Fatalf("go list found %d files of package main", len(files))
	}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if p := runtimeMethods(fset, f); len(p) > 0 {
			t.Errorf("package main is on the runtime path: %s", strings.Join(p, "; "))
		}
	}
}

// runtimeMethodNames are the methods of the interfaces the running system
// is built from: bot.Sender, http.Handler, bot.Runner, bot.Waiter,
// bot.Outbox.
var runtimeMethodNames = map[string]bool{"Send": true, "Classify": true, "ServeHTTP": true, "Run": true, "Wait": true, "Drain": true}

// runtimeMethods lists the methods of f named like one of those.
func runtimeMethods(fset *token.FileSet, f *ast.File) []string {
	var found []string
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && runtimeMethodNames[fd.Name.Name] {
			found = append(found, fmt.Sprintf("%s: method %s", fset.Position(fd.Pos()), fd.Name.Name))
		}
	}
	return found
}

// TestRuntimeMethodsCatches proves the check above can fail.
func TestRuntimeMethodsCatches(t *testing.T) {
	src := "package main\ntype telegramSender struct{}\nfunc (telegramSender) Send() {}\nfunc (telegramSender) send() {}\nfunc Send() {}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "wire.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := runtimeMethods(fset, f); len(got) != 1 || !strings.Contains(got[0], "method Send") {
		t.Errorf("runtimeMethods = %q, want the one Send method", got)
	}
}

// TestMainIsThin keeps package main to main.go, the command table and one
// small file per command.
func TestMainIsThin(t *testing.T) {
	const maxLines = 1500
	lines := 0
	for _, name := range strings.Fields(goList(t, "-f", `{{range .GoFiles}}{{$.Dir}}/{{.}} {{end}}`, "./cmd/refundbot")) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines += bytes.Count(b, []byte("\n"))
	}
	if lines >= maxLines {
		t.Errorf("package main has %d lines, want under %d: move what is not a command into cmd/refundbot/internal", lines, maxLines)
	}
}

// goList runs go list with args at the module root.
func goList(t *testing.T, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list packages: %v", err)
	}
	cmd := exec.Command(goTool, append([]string{"list"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	return string(out)
}
