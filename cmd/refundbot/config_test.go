package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// testSecrets are well-formed secrets for every secret variable.
func testSecrets() map[string]string {
	return map[string]string{
		"REFUNDBOT_TELEGRAM_TOKEN":          "123456:ABCdef_ghi-JKL",
		"REFUNDBOT_TELEGRAM_WEBHOOK_SECRET": "s3cret_hook",
		"REFUNDBOT_SLACK_BOT_TOKEN":         "xoxb-test-bot-token",
		"REFUNDBOT_SLACK_SIGNING_SECRET":    "signing-secret-value",
		"REFUNDBOT_SLACK_APP_TOKEN":         "xapp-test-app-token",
		"REFUNDBOT_API_TOKEN":               "api-token-0123456789abcdef",
	}
}

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// problemsOf loads text as a config file and returns every problem,
// serve's requirements included, as strings.
func problemsOf(t *testing.T, text string, env map[string]string) []string {
	t.Helper()
	path := writeFile(t, t.TempDir(), "config.yaml", text)
	cfg, src, err := app.LoadConfig(path, true, envOf(env))
	var out []string
	var ce *app.ConfigError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			out = append(out, p.String())
		}
	} else if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}
	for _, p := range app.ServeProblems(cfg, src) {
		out = append(out, p.String())
	}
	return out
}

func TestExampleConfigValidatesForServe(t *testing.T) {
	if ps := problemsOf(t, readExample(t), testSecrets()); len(ps) > 0 {
		t.Fatalf("config.example.yaml has problems:\n%s", strings.Join(ps, "\n"))
	}
}

func readExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestUnknownKeyNamesPathLineAndSuggestion(t *testing.T) {
	text := "timezone: UTC\nslack:\n  channel: C0123456789\n  aprovers: [U0123456789]\napprovers: [U0123456789]\npolicy:\n  refund_window_dayz: 3\n"
	got := problemsOf(t, text, nil)
	for _, want := range []string{
		`config.yaml:4: slack.aprovers: unknown key; did you mean "slack.approvers"?`,
		`config.yaml:5: approvers: unknown key; did you mean "slack.approvers"?`,
		`config.yaml:7: policy.refund_window_dayz: unknown key; did you mean "policy.refund_window_days"?`,
	} {
		if !containsSuffix(got, want) {
			t.Errorf("missing problem %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func containsSuffix(list []string, want string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, want) {
			return true
		}
	}
	return false
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	text := `timezone: Mars/Olympus
http: {listen: "8080"}
telegram:
  mode: webhook
  api_url: "ftp://example.org"
slack:
  api_url: https://slack.example.org/api
  mode: websocket
  channel: "#refunds"
  approvers: [U0123456789, bob]
log: {format: xml, level: loud}
phone: {default_region: XX}
jobs:
  backup: {spec: "CRON_TZ=UTC", keep: 0}
  daily-digest: {spec: "61 * * * *"}
policy:
  refund_window_days: thirty
  max_leads_per_case: -1
  sla: {first_response_hours: 8, escalate_hours: 4}
  sla: {}
`
	got := strings.Join(problemsOf(t, text, nil), "\n")
	for _, key := range []string{
		"config.yaml:1: timezone:", "config.yaml:2: http.listen:", "config.yaml:5: telegram.api_url:",
		"telegram.webhook_url: required in webhook mode", "telegram.webhook_secret: required in webhook mode",
		`config.yaml:7: slack.api_url: must end with "/"`, "config.yaml:8: slack.mode:", "config.yaml:9: slack.channel:",
		`slack.approvers: item 2: want a Slack user ID such as U0123456789, got "bob"`,
		"config.yaml:11: log.format:", "config.yaml:11: log.level:", "config.yaml:12: phone.default_region:",
		`jobs.backup.spec: "CRON_TZ=UTC" has a timezone but no schedule`, "jobs.backup.keep: must be at least 1",
		"jobs.daily-digest.spec: bad schedule", `config.yaml:17: policy.refund_window_days: want a whole number, got "thirty"`,
		"policy.max_leads_per_case: must be a positive whole number", "policy.sla.escalate_hours:",
		"config.yaml:20: policy.sla: repeated key (first set on line 19)",
		"telegram.token: required to serve",
	} {
		if !strings.Contains(got, key) {
			t.Errorf("missing %q in:\n%s", key, got)
		}
	}
	// webhook is a valid mode: only its URL and secret are missing.
	if strings.Contains(got, "telegram.mode") {
		t.Errorf("telegram.mode reported, but webhook is valid:\n%s", got)
	}
}

func TestOmittedKeysKeepDefaults(t *testing.T) {
	path := writeFile(t, t.TempDir(), "c.yaml", "policy:\n  refund_window_days: 14\n  sla: {escalate_hours: 30}\nslack: {approvers: [U0123456789]}\n")
	cfg, _, err := app.LoadConfig(path, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := app.DefaultConfig()
	want.Policy.RefundWindowDays = 14
	want.Policy.SLA.EscalateHours = 30
	want.Slack.Approvers = []string{"U0123456789"}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got %+v\nwant %+v", cfg, want)
	}
}

func TestEnvironmentWinsOverFile(t *testing.T) {
	path := writeFile(t, t.TempDir(), "c.yaml", "telegram: {token: \"111:fromfile\"}\napi: {token: file-token-0123456789}\n")
	env := map[string]string{"REFUNDBOT_TELEGRAM_TOKEN": "222:fromenv"}
	cfg, src, err := app.LoadConfig(path, true, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "222:fromenv" {
		t.Errorf("telegram.token = %q, want the environment's", cfg.Telegram.Token)
	}
	if cfg.API.Token != "file-token-0123456789" {
		t.Errorf("api.token = %q, want the file's (no env set)", cfg.API.Token)
	}
	if src.FromEnv["telegram.token"] != "REFUNDBOT_TELEGRAM_TOKEN" || src.FromEnv["api.token"] != "" {
		t.Errorf("fromEnv = %v", src.FromEnv)
	}
}

func TestMissingConfigFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	if _, _, err := app.LoadConfig(missing, true, nil); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("named missing file: err = %v", err)
	}
	cfg, src, err := app.LoadConfig(missing, false, nil)
	if err != nil || src.File != "" || !reflect.DeepEqual(cfg, app.DefaultConfig()) {
		t.Errorf("default missing file: cfg differs or err = %v", err)
	}
}
