package main

import (
	"context"
	"io"
	"slices"
	"strings"
)

const usageText = `refundbot - the Rockerstop coin-refund desk

Usage:
  refundbot serve                         run the bot: Telegram, Slack, scheduler, HTTP
  refundbot demo [--addr HOST:PORT] [--data DIR]
                                          the playground in a browser: Telegram and Slack on built-in fakes, no tokens
  refundbot check                         validate the config and say what is wrong, with the key
  refundbot import providers FILE.csv [--skip-bad]
                                          upsert providers
  refundbot import unlocks FILE.csv [--skip-bad]
                                          record lead unlocks (each debits the wallet)
  refundbot wallet show PROVIDER_ID [--json]
  refundbot case show CASE_ID [--json]
  refundbot verify                        check storage and ledger invariants
  refundbot backup --out FILE             consistent copy of the database (an etcd snapshot on etcd)
  refundbot migrate --to etcd --from FILE.db
                                          copy a bbolt database into storage.etcd and verify it
  refundbot jobs                          each job's spec, on/off, last and next run
  refundbot jobs run NAME                 run one job now
  refundbot script run FILE...            run conversation stories and print their transcripts
  refundbot load [--providers N] [--duration D] [--sessions N] [--notifications N]
                                          drive simulated providers over the fakes and report speed
  refundbot help                          this text

Every command takes --config FILE (default ./config.yaml; without that file
the defaults apply). Flags may come in any order, before or after the words.
FILE.csv may be "-" for standard input.

Exit status: 0 success, 1 failure, 2 usage error.
`

// flagTakesValue lists every flag; true when it takes a value.
func flagTakesValue(name string) (takesValue, known bool) {
	switch name {
	case "config", "out", "addr", "data", "providers", "duration", "sessions", "notifications", "to", "from":
		return true, true
	case "json", "skip-bad", "help", "h":
		return false, true
	}
	return false, false
}

// invocation is a parsed command line: the words and the flags, which may
// come in any order.
type invocation struct {
	words     []string
	flags     map[string]string
	help      bool
	configSet bool
}

// parseArgs splits args into words and flags. Flags are --name, -name,
// --name=value or --name value; "--" ends the flags.
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
			return inv, usagef("unknown flag %s", a)
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
	_, inv.configSet = inv.flags["config"]
	return inv, nil
}

// check verifies the words and flags fit cmd.
func (inv invocation) check(cmd *command) error {
	name := strings.Join(cmd.path, " ")
	args := inv.words[len(cmd.path):]
	// An argument named "NAME..." is last and takes one or more words.
	variadic := len(cmd.args) > 0 && strings.HasSuffix(cmd.args[len(cmd.args)-1], "...")
	if len(args) != len(cmd.args) && !(variadic && len(args) > len(cmd.args)) {
		if len(cmd.args) == 0 {
			return usagef("%s takes no arguments, got %q", name, strings.Join(args, " "))
		}
		return usagef("usage: refundbot %s %s", name, strings.Join(cmd.args, " "))
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
	run      func(ctx context.Context, c *cli) error
}

func commands() []command {
	return []command{
		{path: []string{"serve"}, run: runServe},
		{path: []string{"demo"}, flags: []string{"addr", "data"}, run: runDemo},
		{path: []string{"check"}, run: runCheck},
		{path: []string{"import", "providers"}, args: []string{"FILE.csv"}, flags: []string{"skip-bad"}, run: runImportProviders},
		{path: []string{"import", "unlocks"}, args: []string{"FILE.csv"}, flags: []string{"skip-bad"}, run: runImportUnlocks},
		{path: []string{"wallet", "show"}, args: []string{"PROVIDER_ID"}, flags: []string{"json"}, run: runWalletShow},
		{path: []string{"case", "show"}, args: []string{"CASE_ID"}, flags: []string{"json"}, run: runCaseShow},
		{path: []string{"verify"}, run: runVerify},
		{path: []string{"backup"}, flags: []string{"out"}, required: []string{"out"}, run: runBackup},
		{path: []string{"migrate"}, flags: []string{"to", "from"}, required: []string{"to", "from"}, run: runMigrate},
		{path: []string{"jobs", "run"}, args: []string{"NAME"}, run: runJobs},
		{path: []string{"script", "run"}, args: []string{"FILE..."}, run: runScript},
		{path: []string{"load"}, flags: []string{"providers", "duration", "sessions", "notifications"}, run: runLoad},
		{path: []string{"jobs"}, run: runJobs},
	}
}

// commandFor finds the command the words name, or nil.
func commandFor(words []string) *command {
	for _, c := range commands() {
		if len(words) >= len(c.path) && slices.Equal(words[:len(c.path)], c.path) {
			return &c
		}
	}
	return nil
}

func unknownCommand(words []string) error {
	if len(words) == 0 {
		return usagef("no command given")
	}
	var subs []string
	for _, c := range commands() {
		if len(c.path) > 1 && c.path[0] == words[0] {
			subs = append(subs, strings.Join(c.path, " "))
		}
	}
	if len(subs) > 0 {
		return usagef("unknown command %q (want %s)", strings.Join(words[:min(2, len(words))], " "), strings.Join(subs, " or "))
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
func (c *cli) config() (Config, configSource, error) {
	return loadConfig(c.configPath(), c.inv.configSet, c.env)
}
