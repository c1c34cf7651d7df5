package main

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/cmdline"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/load"
)

// flagSpec is one flag of the command line: its name, the name of its
// value ("" for a switch), its default and bound as a person reads them,
// and what it does. Help and the parser both read this table.
type flagSpec struct{ name, value, def, doc, max string }

func flagSpecs() []flagSpec {
	return []flagSpec{
		{"config", "FILE", "./config.yaml", "the configuration file; when ./config.yaml is missing the defaults apply", ""},
		{"json", "", "", "print JSON instead of a table", ""},
		{"skip-bad", "", "", "import the good rows and skip the bad ones (each is still reported)", ""},
		{"out", "FILE", "", "the new file to write; it must not exist yet", ""},
		{"to", "BACKEND", "", "the storage backend to copy into: etcd (storage.etcd)", ""},
		{"from", "FILE.db", "", "the bbolt database to copy from (serve stopped)", ""},
		{"addr", "HOST:PORT", demoAddr, "where the playground page listens", ""},
		{"data", "DIR", "a temporary directory, removed on exit", "keep the playground's database and evidence in DIR", ""},
		{"providers", "N", "200", "providers that each file a case an agent approves", strconv.Itoa(load.MaxProviders)},
		{"duration", "D", "5m", "time limit of the run", strings.TrimSuffix(load.MaxDuration.String(), "0s")},
		{"sessions", "N", "0", "providers left mid-conversation across a restart", strconv.Itoa(load.MaxSessions)},
		{"notifications", "N", "0", "notices paced to 50 chats against the fake's flood control", strconv.Itoa(load.MaxNotices)},
		{"wave", "N", "0", "providers filing at once at the real limits, each card approved as it appears", strconv.Itoa(load.MaxWave)},
		{"profile", "DIR", "", "write CPU, block and mutex profiles of the steps at once and of the concurrent clicks to DIR (with --etcd, etcd's to DIR/etcd)", ""},
		{"etcd", "", "", "also measure the etcd backend beside bbolt: the same providers, then two replicas whose leader is killed 3 times at a lease of 1 s and 3 at 5 s (about a minute more); on 3 etcd members started on loopback from the etcd binary on PATH", ""},
		{"etcd-endpoints", "URL,...", "", "with --etcd: a running etcd cluster to use instead (plain http); the run writes under a prefix of its own and deletes it", ""},
		{"help", "", "", "print this command's usage, flags and defaults", ""},
		{"h", "", "", "the same as --help", ""},
		{"version", "", "", "print the version", ""},
	}
}

// flagSpecFor finds a flag by name.
func flagSpecFor(name string) (flagSpec, bool) {
	for _, f := range flagSpecs() {
		if f.name == name {
			return f, true
		}
	}
	return flagSpec{}, false
}

// flagTakesValue reports whether the flag takes a value and whether it exists.
func flagTakesValue(name string) (takesValue, known bool) {
	f, ok := flagSpecFor(name)
	return f.value != "", ok
}

// invocation is a parsed command line: the words and the flags, which may
// come in any order.
type invocation struct {
	words     []string
	flags     map[string]string
	help      bool
	version   bool
	configSet bool
	unknown   string // the first flag no command knows, as typed
}

// parseArgs splits args into words and flags. Flags are --name, -name,
// --name=value or --name value; "--" ends the flags. An unknown flag is
// kept in inv.unknown, so run can suggest one the command takes.
func parseArgs(args []string) (invocation, error) {
	inv := invocation{flags: map[string]string{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			inv.words = append(inv.words, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			inv.words = append(inv.words, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takesValue, known := flagTakesValue(name)
		switch {
		case !known:
			if inv.unknown == "" {
				inv.unknown = a
			}
			continue
		case takesValue && !hasValue:
			if i+1 >= len(args) {
				return inv, usagef("flag --%s needs a value", name)
			}
			i++
			value = args[i]
		case !takesValue && hasValue:
			return inv, usagef("flag --%s takes no value", name)
		}
		if _, dup := inv.flags[name]; dup {
			return inv, usagef("flag --%s given twice", name)
		}
		inv.flags[name] = value
	}
	_, h1 := inv.flags["help"]
	_, h2 := inv.flags["h"]
	inv.help = h1 || h2 || (len(inv.words) > 0 && inv.words[0] == "help")
	_, inv.version = inv.flags["version"]
	_, inv.configSet = inv.flags["config"]
	return inv, nil
}

// unknownFlag is the error for inv.unknown, suggesting the closest flag
// of cmd (of any command when cmd is nil).
func (inv invocation) unknownFlag(cmd *command) error {
	var names []string
	for _, f := range flagSpecs() {
		if cmd == nil || f.name == "config" || slices.Contains(cmd.flags, f.name) {
			names = append(names, f.name)
		}
	}
	name, _, _ := strings.Cut(strings.TrimLeft(inv.unknown, "-"), "=")
	if best := cmdline.Closest(name, names); best != "" {
		return usagef("unknown flag %s; did you mean --%s?", inv.unknown, best)
	}
	if cmd != nil && cmd.run != nil {
		takes := "--" + strings.Join(append(slices.Clone(cmd.flags), "config", "help"), ", --")
		return usagef("unknown flag %s (%s takes %s)", inv.unknown, strings.Join(cmd.path, " "), takes)
	}
	return usagef("unknown flag %s", inv.unknown)
}

// check verifies the words and flags fit cmd.
func (inv invocation) check(cmd *command) error {
	if inv.unknown != "" {
		return inv.unknownFlag(cmd)
	}
	name := strings.Join(cmd.path, " ")
	args := inv.words[len(cmd.path):]
	// An argument named "NAME..." is last and takes one or more words.
	variadic := len(cmd.args) > 0 && strings.HasSuffix(cmd.args[len(cmd.args)-1], "...")
	if len(args) != len(cmd.args) && !(variadic && len(args) > len(cmd.args)) {
		if len(cmd.args) == 0 {
			return usagef("%s takes no arguments, got %q", name, strings.Join(args, " "))
		}
		return usagef("usage: %s", synopsis(*cmd))
	}
	for f := range inv.flags {
		if f != "config" && !slices.Contains(cmd.flags, f) {
			return usagef("flag --%s does not apply to %s", f, name)
		}
	}
	for _, f := range cmd.required {
		if inv.flags[f] == "" {
			return usagef("%s needs --%s", name, f)
		}
	}
	return nil
}

// command is one subcommand.
type command struct {
	path     []string // the words naming it
	args     []string // names of its positional arguments
	flags    []string // flags it accepts besides --config
	required []string // flags it needs
	summary  string   // what it does, for help
	run      func(ctx context.Context, c *cli) error
}

// commands is the command table, in the order help lists it.
func commands() []command {
	return []command{
		{path: []string{"serve"}, run: runServe, summary: "run the bot: Telegram, Slack, scheduler, HTTP"},
		{path: []string{"demo"}, flags: []string{"addr", "data"}, run: runDemo,
			summary: "the playground in a browser: Telegram and Slack on fakes, no tokens"},
		{path: []string{"check"}, run: runCheck, summary: "validate the config and say what is wrong, with the key"},
		{path: []string{"import", "providers"}, args: []string{"FILE.csv"}, flags: []string{"skip-bad"}, run: runImportProviders,
			summary: "upsert providers"},
		{path: []string{"import", "unlocks"}, args: []string{"FILE.csv"}, flags: []string{"skip-bad"}, run: runImportUnlocks,
			summary: "record lead unlocks (each debits the wallet)"},
		{path: []string{"wallet", "show"}, args: []string{"PROVIDER_ID"}, flags: []string{"json"}, run: runWalletShow,
			summary: "a provider's balance and ledger entries, oldest first"},
		{path: []string{"case", "show"}, args: []string{"CASE_ID"}, flags: []string{"json"}, run: runCaseShow,
			summary: "a case's leads, decisions and history"},
		{path: []string{"verify"}, run: runVerify, summary: "check storage and ledger invariants"},
		{path: []string{"backup"}, flags: []string{"out"}, required: []string{"out"}, run: runBackup,
			summary: "consistent copy of the database (an etcd snapshot on etcd)"},
		{path: []string{"migrate"}, flags: []string{"to", "from"}, required: []string{"to", "from"}, run: runMigrate,
			summary: "copy a bbolt database into storage.etcd and verify it"},
		{path: []string{"jobs"}, run: runJobs, summary: "each job's spec, on/off, last and next run"},
		{path: []string{"jobs", "run"}, args: []string{"NAME"}, run: runJobs, summary: "run one job now"},
		{path: []string{"script", "run"}, args: []string{"FILE..."}, run: runScript,
			summary: "run conversation stories and print their transcripts"},
		{path: []string{"load"}, flags: []string{"providers", "duration", "sessions", "notifications", "wave", "profile", "etcd", "etcd-endpoints"}, run: runLoad,
			summary: "drive simulated providers over the fakes and report speed"},
		{path: []string{"version"}, run: runVersion, summary: "print the version, commit and Go version"},
		{path: []string{"help"}, args: []string{"[COMMAND]"}, summary: "this text, or one command's usage, flags and defaults"},
	}
}

// commandFor finds the command the words name (the longest match), or nil.
func commandFor(words []string) *command {
	var found *command
	for _, c := range commands() {
		if len(words) >= len(c.path) && slices.Equal(words[:len(c.path)], c.path) && (found == nil || len(c.path) > len(found.path)) {
			found = &c
		}
	}
	return found
}

func unknownCommand(words []string) error {
	if len(words) == 0 {
		return usagef("no command given")
	}
	var subs, seconds, names []string
	for _, c := range commands() {
		if len(c.path) > 1 && c.path[0] == words[0] {
			subs = append(subs, strings.Join(c.path, " "))
			seconds = append(seconds, c.path[1])
		}
		if !slices.Contains(names, c.path[0]) {
			names = append(names, c.path[0])
		}
	}
	if len(subs) > 0 && len(words) > 1 { // a group word and a wrong second word
		typed := words[0] + " " + words[1]
		if best := cmdline.Closest(words[1], seconds); best != "" {
			return usagef("unknown command %q; did you mean %q?", typed, words[0]+" "+best)
		}
		return usagef("unknown command %q (want %s)", typed, strings.Join(subs, " or "))
	}
	if len(subs) > 0 {
		return usagef("%s needs one of: %s", words[0], strings.Join(subs, ", "))
	}
	if best := cmdline.Closest(words[0], names); best != "" {
		return usagef("unknown command %q; did you mean %q?", words[0], best)
	}
	return usagef("unknown command %q", words[0])
}

// cli is one invocation with its world, handed to each command.
type cli struct {
	inv            invocation
	env            func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// arg returns the i-th positional argument after the command's words.
func (c *cli) arg(cmdWords, i int) string { return c.inv.words[cmdWords+i] }

func (c *cli) flag(name string) string { return c.inv.flags[name] }

func (c *cli) has(name string) bool {
	_, ok := c.inv.flags[name]
	return ok
}

// configPath is --config or ./config.yaml.
func (c *cli) configPath() string {
	if p := c.flag("config"); p != "" {
		return p
	}
	return "config.yaml"
}

// config loads and validates the config; a missing file is an error only
// when --config named it.
func (c *cli) config() (app.Config, app.Source, error) {
	return app.LoadConfig(c.configPath(), c.inv.configSet, c.env)
}
