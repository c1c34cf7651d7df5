// Command refundbot is the Rockerstop coin-refund desk: providers ask for
// refunds on Telegram, agents decide in Slack, approvals credit coins back
// to the wallet in bbolt. See README.md for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // timezone names work on machines without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit codes of the process.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a command line the program does not understand; cmd is
// the command it was meant for, when known, so the hint names its help.
type usageError struct{ msg, cmd string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errReported is returned when the command has already written everything
// the user needs to stderr (a failed verify, bad CSV rows); main only sets
// the exit code.
var errReported = errors.New("problems reported")

// exitCode prints err, if any, once and maps it to the exit code.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		help := "refundbot help"
		if ue.cmd != "" {
			help += " " + ue.cmd
		}
		fmt.Fprintf(stderr, "refundbot: %s\nRun '%s' for usage.\n", ue.msg, help)
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailure
	default:
		fmt.Fprintf(stderr, "refundbot: %s\n", err)
		return exitFailure
	}
}

// run is the whole program behind main, with its world passed in: the
// arguments without the program name, the environment, and the standard
// streams. Tests call it directly.
func run(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	inv, err := parseArgs(args)
	if err != nil {
		return err
	}
	c := &cli{inv: inv, env: env, stdin: stdin, stdout: stdout, stderr: stderr}
	if inv.version {
		return runVersion(ctx, c)
	}
	if inv.help {
		words := inv.words
		if len(words) > 0 && words[0] == "help" {
			words = words[1:]
		}
		if inv.unknown != "" {
			return inv.unknownFlag(commandFor(words))
		}
		return writeHelp(stdout, words)
	}
	cmd := commandFor(inv.words)
	if cmd == nil {
		return unknownCommand(inv.words)
	}
	if err := inv.check(cmd); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			ue.cmd = strings.Join(cmd.path, " ")
		}
		return err
	}
	return cmd.run(ctx, c)
}
