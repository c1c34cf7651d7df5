package story

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Params are the testscript parameters of stories: each story gets
// its own world in its $WORK, and the story vocabulary as commands.
func Params(o Options) testscript.Params {
	return testscript.Params{
		Setup: func(env *testscript.Env) error { return setupStory(env, o) },
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"providers":  cmdProviders,
			"unlocks":    cmdUnlocks,
			"provider":   cmdProvider,
			"bot":        cmdBot,
			"agent":      cmdAgent,
			"wallet":     cmdWallet,
			"case":       cmdCase,
			"slack":      cmdSlack,
			"telegram":   cmdTelegram,
			"clock":      cmdClock,
			"job":        cmdJob,
			"restart":    cmdRestart,
			"crash":      cmdCrash,
			"transcript": cmdTranscript,
			"thread":     cmdThread,
		},
		RequireUniqueNames: true,
	}
}

// RunFiles runs each story file, prints its transcripts and PASS, or
// FAIL with the story's log (the failing line, what it waited for and
// saw, a golden's diff), and returns how many failed.
func RunFiles(ctx context.Context, files []string, out io.Writer) (failed int, err error) {
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		start := time.Now()
		p := Params(Options{Echo: out})
		p.Files = []string{f}
		p.Deadline = time.Now().Add(5 * time.Minute)
		t := &scriptT{}
		t.run(func() { testscript.RunT(t, p) })
		took := time.Since(start).Round(10 * time.Millisecond)
		if t.failed {
			failed++
			fmt.Fprintf(out, "FAIL %s (%s)\n%s\n", f, took, indentWith("    ", t.log()))
			continue
		}
		fmt.Fprintf(out, "PASS %s (%s)\n", f, took)
	}
	return failed, nil
}

// scriptT is the testscript.T of `script run`: it runs each story in its
// own goroutine, where FailNow and Skip end it as the testing package does,
// and keeps the log.
type scriptT struct {
	mu      sync.Mutex
	failed  bool
	skipped bool
	lines   []string
}

var _ testscript.T = (*scriptT)(nil)

// run runs f in a goroutine and waits for it, so that FailNow can end it.
func (t *scriptT) run(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}

func (t *scriptT) Log(args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, strings.TrimRight(fmt.Sprint(args...), "\n"))
}

func (t *scriptT) Fatal(args ...any) {
	t.Log(args...)
	t.FailNow()
}

func (t *scriptT) FailNow() {
	t.mu.Lock()
	t.failed = true
	t.mu.Unlock()
	runtime.Goexit()
}

func (t *scriptT) Skip(args ...any) {
	t.Log(args...)
	t.mu.Lock()
	t.skipped = true
	t.mu.Unlock()
	runtime.Goexit()
}

func (t *scriptT) Parallel()     {}
func (t *scriptT) Verbose() bool { return false }

// Run runs a story as a sub-test; its failure is the parent's.
func (t *scriptT) Run(name string, f func(testscript.T)) {
	sub := &scriptT{}
	sub.run(func() { f(sub) })
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failed = t.failed || sub.failed
	t.lines = append(t.lines, sub.lines...)
}

func (t *scriptT) log() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}

// LogSink collects the logs of every world of a run, and the secrets and
// phone numbers that must never appear in them.
type LogSink struct {
	mu      sync.Mutex
	bufs    []*lockedBuffer
	secrets map[string]bool
}

func NewLogSink() *LogSink { return &LogSink{secrets: map[string]bool{}} }

// buffer returns a new log writer of the sink.
func (l *LogSink) buffer() io.Writer {
	b := &lockedBuffer{}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bufs = append(l.bufs, b)
	return b
}

func (l *LogSink) secret(ss ...string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range ss {
		if s != "" {
			l.secrets[s] = true
		}
	}
}

// phone records a phone number in the forms a log might show it: as
// given, E.164, digits only, the last ten digits, and spaced (+91 98765 43210).
func (l *LogSink) phone(raw string) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, raw)
	forms := []string{raw, "+" + digits, digits}
	if n := len(digits); n >= 10 {
		national := digits[n-10:]
		forms = append(forms, national, national[:5]+" "+national[5:], "+"+digits[:n-10]+" "+national[:5]+" "+national[5:])
	}
	l.secret(forms...)
}

// leaks returns each secret found in the logs, with the line showing it.
func (l *LogSink) Leaks() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, b := range l.bufs {
		for _, line := range strings.Split(b.String(), "\n") {
			for s := range l.secrets {
				if strings.Contains(line, s) {
					out = append(out, fmt.Sprintf("%q in: %s", s, line))
				}
			}
		}
	}
	return out
}

// size is the total length of the logs, to show the scan saw something.
func (l *LogSink) Size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, b := range l.bufs {
		n += len(b.String())
	}
	return n
}

// lockedBuffer is a log writer shared by an app and its restarts.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
