package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/cmdline"
)

// synopsis is a command's one-line usage: its words, arguments and flags.
func synopsis(c command) string {
	parts := append([]string{"refundbot"}, c.path...)
	parts = append(parts, c.args...)
	for _, name := range c.flags {
		f, _ := flagSpecFor(name)
		use := "--" + name
		if f.value != "" {
			use += " " + f.value
		}
		if !slices.Contains(c.required, name) {
			use = "[" + use + "]"
		}
		parts = append(parts, use)
	}
	return strings.Join(parts, " ")
}

// writeUsage prints the general help: every command with what it does.
func writeUsage(w io.Writer) error {
	fmt.Fprint(w, "refundbot - the Rockerstop coin-refund desk\n\nUsage:\n")
	for _, c := range commands() {
		syn := synopsis(c)
		if len(syn) > 38 {
			fmt.Fprintf(w, "  %s\n  %-38s  %s\n", syn, "", c.summary)
		} else {
			fmt.Fprintf(w, "  %-38s  %s\n", syn, c.summary)
		}
	}
	_, err := fmt.Fprint(w, `
Every command takes --config FILE (default ./config.yaml; without that file
the defaults apply). Flags may come in any order, before or after the words.
FILE.csv may be "-" for standard input. 'refundbot help COMMAND' or
'refundbot COMMAND --help' shows one command's flags and defaults;
'refundbot --version' the version.

Exit status: 0 success, 1 failure, 2 usage error.
`)
	return err
}

// writeHelp prints the help the words ask for: the general usage for none,
// else every command they name or begin (help import → both imports).
func writeHelp(w io.Writer, words []string) error {
	if len(words) == 0 {
		return writeUsage(w)
	}
	var cmds []command
	for _, c := range commands() {
		if len(words) <= len(c.path) && slices.Equal(c.path[:len(words)], words) {
			cmds = append(cmds, c)
		}
	}
	if len(cmds) == 0 {
		c := commandFor(words)
		if c == nil {
			return unknownCommand(words)
		}
		cmds = append(cmds, *c)
	}
	for i, c := range cmds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := writeCommandHelp(w, c); err != nil {
			return err
		}
	}
	return nil
}

// writeCommandHelp prints one command: its usage, what it does, and each
// flag with its value and default.
func writeCommandHelp(w io.Writer, c command) error {
	fmt.Fprintf(w, "usage: %s\n\n%s.\n\nFlags:\n", synopsis(c), upperFirst(c.summary))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range append(slices.Clone(c.flags), "config", "help") {
		f, _ := flagSpecFor(name)
		use := "--" + f.name
		if f.value != "" {
			use += " " + f.value
		}
		doc := f.doc
		switch {
		case slices.Contains(c.required, name):
			doc += " (required)"
		case f.def != "" && f.max != "":
			doc += " (default " + f.def + ", at most " + f.max + ")"
		case f.def != "":
			doc += " (default " + f.def + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", use, doc)
	}
	return tw.Flush()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// runVersion is `refundbot version` and `refundbot --version`.
func runVersion(_ context.Context, c *cli) error {
	_, err := fmt.Fprintln(c.stdout, cmdline.Version(debug.ReadBuildInfo()))
	return err
}
