package app

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"github.com/rockerstop/refundbot/bot"
)

var (
	webhookSecretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	telegramTokenRE = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	channelIDRE     = regexp.MustCompile(`^[CG][A-Z0-9]{8,}$`)
	slackUserIDRE   = regexp.MustCompile(`^[UW][A-Z0-9]{8,}$`)
)

// Validate returns every problem of the values of c, each with its key.
// It does not require the tokens; ServeProblems adds what serve needs.
// Messages never quote a secret.
func Validate(c Config, src Source) []Problem {
	var ps []Problem
	bad := func(key, format string, args ...any) { ps = append(ps, src.problem(key, format, args...)) }

	if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "" {
		bad("timezone", "unknown timezone %q (use an IANA name such as Asia/Kolkata)", c.Timezone)
	}
	for _, kv := range [][2]string{{"storage.path", c.Storage.Path}, {"storage.backup_dir", c.Storage.BackupDir}, {"storage.evidence_dir", c.Storage.EvidenceDir}} {
		if strings.TrimSpace(kv[1]) == "" {
			bad(kv[0], "must not be empty")
		}
	}
	ps = append(ps, etcdProblems(c, src)...)
	if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		bad("http.listen", "want host:port such as 127.0.0.1:8080, got %q", c.HTTP.Listen)
	}
	if m := c.HTTP.MetricsListen; m != "" {
		if _, _, err := net.SplitHostPort(m); err != nil {
			bad("http.metrics_listen", "want host:port such as 127.0.0.1:9090, or empty to serve /metrics on http.listen, got %q", m)
		} else if m == c.HTTP.Listen {
			bad("http.metrics_listen", "is the same address as http.listen; leave it empty to serve /metrics there")
		}
	}

	// Telegram.
	if msg := checkURL(c.Telegram.APIURL); msg != "" {
		bad("telegram.api_url", "%s", msg)
	}
	if c.Telegram.Token != "" && !telegramTokenRE.MatchString(c.Telegram.Token) {
		bad("telegram.token", "does not look like a bot token from @BotFather (digits, a colon, then letters)")
	}
	switch c.Telegram.Mode {
	case "polling":
	case "webhook":
		if c.Telegram.WebhookURL == "" {
			bad("telegram.webhook_url", "required in webhook mode")
		}
		if c.Telegram.WebhookSecret == "" {
			bad("telegram.webhook_secret", "required in webhook mode (1-256 of A-Z a-z 0-9 _ -)")
		}
	default:
		bad("telegram.mode", "want polling or webhook, got %q", c.Telegram.Mode)
	}
	if c.Telegram.WebhookURL != "" {
		if msg := checkURL(c.Telegram.WebhookURL); msg != "" {
			bad("telegram.webhook_url", "%s", msg)
		} else if !strings.HasPrefix(c.Telegram.WebhookURL, "https://") && c.Telegram.APIURL == DefaultConfig().Telegram.APIURL {
			bad("telegram.webhook_url", "Telegram only calls https webhooks")
		}
	}
	if c.Telegram.WebhookSecret != "" && !webhookSecretRE.MatchString(c.Telegram.WebhookSecret) {
		bad("telegram.webhook_secret", "must be 1-256 characters of A-Z a-z 0-9 _ -")
	}

	// Slack.
	if msg := checkURL(c.Slack.APIURL); msg != "" {
		bad("slack.api_url", "%s", msg)
	} else if !strings.HasSuffix(c.Slack.APIURL, "/") {
		bad("slack.api_url", "must end with \"/\" (slack-go appends method names to it)")
	}
	if c.Slack.Mode != "http" && c.Slack.Mode != "socket" {
		bad("slack.mode", "want http or socket, got %q", c.Slack.Mode)
	}
	if c.Slack.BotToken != "" && !strings.HasPrefix(c.Slack.BotToken, "xoxb-") {
		bad("slack.bot_token", "a bot token starts with xoxb-")
	}
	if c.Slack.AppToken != "" && !strings.HasPrefix(c.Slack.AppToken, "xapp-") {
		bad("slack.app_token", "an app-level token starts with xapp-")
	}
	if c.Slack.Channel != "" && !channelIDRE.MatchString(c.Slack.Channel) {
		bad("slack.channel", "want a channel ID such as C0123456789 (not a #name), got %q", c.Slack.Channel)
	}
	seen := map[string]bool{}
	for i, u := range c.Slack.Approvers {
		switch {
		case !slackUserIDRE.MatchString(u):
			bad("slack.approvers", "item %d: want a Slack user ID such as U0123456789, got %q", i+1, u)
		case seen[u]:
			bad("slack.approvers", "item %d: %s is listed twice", i+1, u)
		}
		seen[u] = true
	}
	seen = map[string]bool{}
	for i, u := range c.Slack.Agents {
		switch {
		case !slackUserIDRE.MatchString(u):
			bad("slack.agents", "item %d: want a Slack user ID such as U0123456789, got %q", i+1, u)
		case seen[u]:
			bad("slack.agents", "item %d: %s is listed twice", i+1, u)
		}
		seen[u] = true
	}
	if c.Slack.Configured() && len(c.Slack.Approvers) == 0 {
		bad("slack.approvers", "list at least one Slack user ID allowed to decide")
	}

	if c.API.Token != "" && len(c.API.Token) < 16 {
		bad("api.token", "must be at least 16 characters")
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		bad("log.format", "want text or json, got %q", c.Log.Format)
	}
	if _, err := parseLevel(c.Log.Level); err != nil {
		bad("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	if phonenumbers.GetCountryCodeForRegion(c.Phone.DefaultRegion) == 0 {
		bad("phone.default_region", "want a two-letter region such as IN, got %q", c.Phone.DefaultRegion)
	}

	for _, j := range c.Jobs.All() {
		if err := checkSpec(j.Spec); err != nil {
			bad("jobs."+j.Name+".spec", "%v", err)
		}
	}
	if c.Jobs.Backup.Keep < 1 {
		bad("jobs.backup.keep", "must be at least 1")
	}
	if c.Jobs.EvidenceRetention.RetentionDays < 1 {
		bad("jobs.evidence-retention.retention_days", "must be at least 1")
	}
	if c.Jobs.RecordsRetention.KeepDays < 2 {
		bad("jobs.records-retention.keep_days", "must be at least 2 (Telegram redelivers updates for a day)")
	}

	for _, fe := range c.Policy.Validate() {
		bad(fe.Key, "%s", fe.Message)
	}
	return ps
}

// ServeProblems says what serve needs beyond valid values: the tokens and
// the Slack desk's channel and approvers.
func ServeProblems(c Config, src Source) []Problem {
	var ps []Problem
	need := func(key, env, why string) {
		ps = append(ps, Problem{Key: key, Message: fmt.Sprintf("required to serve (%s): set %s or %s in the file", why, env, key)})
	}
	if c.Telegram.Token == "" {
		need("telegram.token", "REFUNDBOT_TELEGRAM_TOKEN", "the providers' bot")
	}
	if c.Slack.BotToken == "" {
		need("slack.bot_token", "REFUNDBOT_SLACK_BOT_TOKEN", "the agents' desk")
	}
	if c.Slack.Mode == "http" && c.Slack.SigningSecret == "" {
		need("slack.signing_secret", "REFUNDBOT_SLACK_SIGNING_SECRET", "verifying Slack requests in http mode")
	}
	if c.Slack.Mode == "socket" && c.Slack.AppToken == "" {
		need("slack.app_token", "REFUNDBOT_SLACK_APP_TOKEN", "Socket Mode")
	}
	if c.Slack.Channel == "" {
		ps = append(ps, src.problem("slack.channel", "required to serve: the channel ID where cases are posted"))
	}
	if len(c.Slack.Approvers) == 0 && !c.Slack.Configured() {
		ps = append(ps, src.problem("slack.approvers", "required to serve: list at least one Slack user ID allowed to decide"))
	}
	return ps
}

// checkURL returns why raw is not an absolute http(s) URL, or "".
func checkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("want an http:// or https:// URL, got %q", raw)
	}
	return ""
}

// checkSpec checks a cron spec exactly as the scheduler parses it.
func checkSpec(spec string) error {
	_, err := bot.ParseSpec(spec)
	return err
}
