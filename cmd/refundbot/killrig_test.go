package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// The rig of the process tests on etcd: a three-member etcd cluster,
// the fake Telegram and Slack in the test process, and `refundbot serve`
// replicas as child processes configured by a YAML file.

const (
	rigChannel  = "C0CASES001"
	rigSecret   = "fake-signing-secret"
	rigBotToken = "xoxb-fake"
	rigAPIToken = "kill-test-platform-token-0123456789"
	rigPrefix   = "kill/"
)

// rigApprover is the Slack user who decides the i-th card: one approver a
// case, so that what an approver was told belongs to one case.
func rigApprover(i int) string { return fmt.Sprintf("U0APPR%04d", i) }

const rigApprovers = 24

type rig struct {
	t   *testing.T
	cl  *etcdtest.Cluster
	tg  *tgfake.Server
	sl  *slackfake.Server
	dir string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	cl, err := etcdtest.Start(t.TempDir(), 3)
	etcdtest.Need(t, err)
	t.Cleanup(cl.Stop)
	r := &rig{t: t, cl: cl, dir: t.TempDir()}
	t.Cleanup(r.keepLogs)
	r.tg = tgfake.New(tgfake.Options{MaxPollTimeout: time.Second})
	t.Cleanup(r.tg.Close)
	users := []slackfake.User{}
	for i := range rigApprovers {
		users = append(users, slackfake.User{ID: rigApprover(i), Name: fmt.Sprintf("agent%d", i)})
	}
	r.sl = slackfake.New(slackfake.Options{Token: rigBotToken, SigningSecret: rigSecret,
		Channels: []string{rigChannel}, Users: users})
	t.Cleanup(r.sl.Close)
	return r
}

// keepLogs copies the processes' logs of a failed test into the directory
// REFUNDBOT_KEEP_LOGS names, if any: the test's own directory goes away.
func (r *rig) keepLogs() {
	to := os.Getenv("REFUNDBOT_KEEP_LOGS")
	if to == "" || !r.t.Failed() {
		return
	}
	logs, _ := filepath.Glob(filepath.Join(r.dir, "*.log"))
	dst := filepath.Join(to, fmt.Sprintf("%s-%d", r.t.Name(), time.Now().Unix()))
	if err := os.MkdirAll(dst, 0o750); err != nil {
		r.t.Log(err)
		return
	}
	for _, l := range logs {
		if b, err := os.ReadFile(l); err == nil {
			_ = os.WriteFile(filepath.Join(dst, filepath.Base(l)), b, 0o600)
		}
	}
	r.t.Logf("logs kept in %s", dst)
}

// config writes the YAML of one process (name) on the cluster: its own
// data directories, HTTP on port, jobs as given (YAML lines under jobs:),
// and returns the file's path.
func (r *rig) config(name string, port int, jobs string) string {
	r.t.Helper()
	dir := filepath.Join(r.dir, name)
	var approvers []string
	for i := range rigApprovers {
		approvers = append(approvers, `"`+rigApprover(i)+`"`)
	}
	var eps []string
	for _, ep := range r.cl.Endpoints() {
		eps = append(eps, `"`+ep+`"`)
	}
	text := strings.Join([]string{
		"timezone: Asia/Kolkata",
		"storage:",
		"  path: " + filepath.Join(dir, "refundbot.db"),
		"  backup_dir: " + filepath.Join(dir, "backups"),
		"  evidence_dir: " + filepath.Join(dir, "evidence"),
		"  backend: etcd",
		"  etcd: {endpoints: [" + strings.Join(eps, ", ") + "], prefix: \"" + rigPrefix + "\", dial_timeout: \"2s\", lease_seconds: 1}",
		fmt.Sprintf("http: {listen: \"127.0.0.1:%d\"}", port),
		"telegram: {token: \"" + r.tg.Token + "\", api_url: \"" + r.tg.URL() + "\"}",
		"slack:",
		"  bot_token: " + rigBotToken,
		"  signing_secret: " + rigSecret,
		"  api_url: \"" + r.sl.APIURL() + "\"",
		"  channel: " + rigChannel,
		"  approvers: [" + strings.Join(approvers, ", ") + "]",
		"api: {token: " + rigAPIToken + "}",
		"log: {format: json, level: info}",
		"jobs:",
		jobs,
		"",
	}, "\n")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		r.t.Fatal(err)
	}
	return writeFile(r.t, dir, "config.yaml", text)
}

// open opens the desk's store on the cluster as the commands do, for the
// test's own reads.
func (r *rig) open(cfgPath string) *app.App {
	r.t.Helper()
	cfg, _, err := app.LoadConfig(cfgPath, true, func(string) string { return "" })
	if err != nil {
		r.t.Fatal(err)
	}
	a, err := app.New(r.t.Context(), cfg, app.Deps{})
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { _ = a.Close() })
	return a
}

// replica is one `refundbot serve` process slot: a config and a port; it
// may run several times (incarnations), each with its own log.
type replica struct {
	name, cfg, url string
	logs           []string
	proc           *child
}

func (r *rig) newReplica(name, jobs string) *replica {
	port := freePort(r.t)
	return &replica{name: name, cfg: r.config(name, port, jobs), url: fmt.Sprintf("http://127.0.0.1:%d", port)}
}

func (r *rig) start(rp *replica) {
	r.t.Helper()
	log := filepath.Join(r.dir, fmt.Sprintf("%s-%d.log", rp.name, len(rp.logs)))
	rp.logs = append(rp.logs, log)
	rp.proc = startChild(r.t, rp.name, log, "serve", "--config", rp.cfg)
}

// role reads the replica's /readyz: "leader", "follower", or "" when it
// does not answer.
func (rp *replica) role() string {
	cli := http.Client{Timeout: 2 * time.Second}
	resp, err := cli.Get(rp.url + "/readyz")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var body struct {
		Role string `json:"role"`
	}
	if json.NewDecoder(resp.Body).Decode(&body) != nil {
		return ""
	}
	return body.Role
}

// until polls cond every 20 ms until it holds or the bound (which only
// stops a hung test) passes.
func until(bound time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// etcdLeader returns the cluster member that is Raft's leader now.
func (r *rig) etcdLeader(ctx context.Context) *etcdtest.Member {
	cli, err := r.cl.Client()
	if err != nil {
		r.t.Fatal(err)
	}
	defer cli.Close()
	for _, m := range r.cl.Members {
		sctx, cancel := context.WithTimeout(ctx, time.Second)
		st, err := cli.Status(sctx, m.URL)
		cancel()
		if err == nil && st.Leader == st.Header.MemberId {
			return m
		}
	}
	return nil
}

// chat plays one provider on the fake Telegram. Its waits look at the bot
// messages that are new or edited since the provider's last action, so
// that a late notice or a message sent twice around a failover does not
// hide the answer.
type chat struct {
	tg    *tgfake.Server
	user  int64
	bound time.Duration
	// retried counts the actions done again because the bot said a step
	// failed ("please try again"), as a provider would (see do).
	retried *atomic.Int64
}

// sorry is the bot's answer to a step that failed and committed nothing
// (policy's sorry sentence): a provider tries again, so does the test.
const sorry = "please try again in a minute"

// seen is what the chat showed: each bot message's ID and edit count.
func (c *chat) seen() map[int]int {
	s := map[int]int{}
	for _, m := range c.tg.BotMessages(c.user) {
		s[m.ID] = m.Edits
	}
	return s
}

// do acts and waits for a bot message, new or edited since, that holds text.
func (c *chat) do(act func() error, text string) (tgfake.Message, error) {
	before := c.seen()
	if err := act(); err != nil {
		return tgfake.Message{}, err
	}
	var got tgfake.Message
	tries := 0
	ok := until(c.bound, func() bool {
		for _, m := range c.tg.BotMessages(c.user) {
			_, old := before[m.ID]
			if e := before[m.ID]; (!old || m.Edits > e) && strings.Contains(m.Plain, text) {
				got = m
				return true
			}
			if !old && strings.Contains(m.Plain, sorry) && tries < 3 {
				// The step failed in the kill and nothing was saved: do it
				// again, as the bot asks.
				tries++
				if c.retried != nil {
					c.retried.Add(1)
				}
				before = c.seen()
				_ = act()
				return false
			}
		}
		return false
	})
	if !ok {
		return got, fmt.Errorf("chat %d: no answer holding %q within %s; the chat:\n%s", c.user, text, c.bound, c.transcript())
	}
	return got, nil
}

func (c *chat) send(text string) func() error {
	return func() error { c.tg.UserSends(c.user, text); return nil }
}

// tap taps the button labelled label on the latest bot message that has it.
func (c *chat) tap(label string) func() error {
	return func() error {
		ms := c.tg.BotMessages(c.user)
		for i := len(ms) - 1; i >= 0; i-- {
			for _, row := range ms[i].InlineKeyboard {
				for _, b := range row {
					if strings.Contains(b.Text, label) && !ms[i].Deleted {
						c.tg.UserTapsData(c.user, ms[i].ID, b.Data)
						return nil
					}
				}
			}
		}
		return fmt.Errorf("chat %d: no button %q; the chat:\n%s", c.user, label, c.transcript())
	}
}

func (c *chat) transcript() string {
	var b strings.Builder
	for _, m := range c.tg.Messages(c.user) {
		who := "user"
		if m.FromBot {
			who = "bot"
		}
		fmt.Fprintf(&b, "  %s #%d (edits %d): %.160q\n", who, m.ID, m.Edits, m.Plain)
	}
	return b.String()
}

// told reports whether the chat holds a bot message with text.
func (c *chat) told(text string) bool {
	for _, m := range c.tg.BotMessages(c.user) {
		if strings.Contains(m.Plain, text) {
			return true
		}
	}
	return false
}

var caseIDPattern = regexp.MustCompile(`RF-\d+`)

// link links the provider with the contact button.
func (c *chat) link(phone string) error {
	if _, err := c.do(c.send("/start"), "share the phone number"); err != nil {
		return err
	}
	_, err := c.do(func() error { c.tg.UserSharesContact(c.user, phone, c.user, false); return nil }, "now linked")
	return err
}

// file files an invalid-lead case for one lead of coins with a photo and
// returns the case ID the bot acknowledged.
func (c *chat) file(lead string, coins int64, photo []byte) (string, error) {
	steps := []struct {
		act  func() error
		want string
	}{
		{c.send("/refund"), "Choose the reason"},
		{c.tap("Invalid lead"), "What was wrong"},
		{c.tap("Wrong or fake number"), "Send the ID of the lead"},
		{c.send(lead), fmt.Sprintf("total %d coins", coins)},
		{c.tap("Done with leads"), "send your evidence"},
		{func() error { c.tg.UserSendsPhoto(c.user, photo, ""); return nil }, "Your refund request"},
		{c.tap("Submit"), "is submitted"},
	}
	var last tgfake.Message
	for _, s := range steps {
		m, err := c.do(s.act, s.want)
		if err != nil {
			return "", err
		}
		last = m
	}
	id := caseIDPattern.FindString(last.Plain)
	if id == "" {
		return "", fmt.Errorf("chat %d: no case ID in %q", c.user, last.Plain)
	}
	return id, nil
}

// errorText is what an approver is shown when a click did not work.
var errorText = policy.Text(policy.LangEnglish, policy.KeyEphError, nil)

// ephemeralsWith counts what user was shown ephemerally that holds text.
func ephemeralsWith(sl *slackfake.Server, user, text string) int {
	n := 0
	for _, e := range sl.Ephemerals(user) {
		if strings.Contains(e.Text, text) {
			n++
		}
	}
	return n
}

// cards lists the case cards in the channel that still carry their
// Approve all button: case ID → message ts.
func cards(sl *slackfake.Server) map[string]string {
	out := map[string]string{}
	for _, m := range sl.Messages(rigChannel) {
		if m.ThreadTS != "" {
			continue
		}
		bs, err := slackfake.ReadBlocks(m.Blocks)
		if err != nil {
			continue
		}
		for _, b := range bs {
			for _, e := range b.Buttons() {
				if e.ActionID == "approve_all" && caseIDPattern.MatchString(e.Value) {
					out[e.Value] = m.TS
				}
			}
		}
	}
	return out
}

// caseState reads a case's state, retrying read errors (an etcd member may
// be down) for a few seconds.
func caseState(ctx context.Context, a *app.App, id string) (conversations.Case, error) {
	var c conversations.Case
	var err error
	for range 50 {
		if c, err = a.Store.Case(ctx, id); err == nil {
			return c, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return c, err
}
