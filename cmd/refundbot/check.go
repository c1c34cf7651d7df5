package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// runCheck validates the config as serve would: every problem once on its
// own line, sorted by file and line, "FILE:LINE: key: message" (the line
// when the value came from the file), then exit status 1; or "config OK"
// and a summary that names where each secret came from but never prints
// one. Valid values that are surely not meant (the example's placeholder
// IDs, the built-in support address) are "warning: ..." lines on stderr,
// without changing the exit status.
func runCheck(_ context.Context, c *cli) error {
	cfg, src, err := c.config()
	var ce *app.ConfigError
	switch {
	case errors.As(err, &ce):
	case err != nil:
		return err
	}
	var probs []app.Problem
	if ce != nil {
		probs = ce.Problems
	}
	if !app.Stopped(probs) {
		probs = app.Tidy(append(probs, app.ServeProblems(cfg, src)...))
	}
	for _, p := range probs {
		fmt.Fprintln(c.stderr, p)
	}
	var warnings []app.Problem
	if !app.Stopped(probs) {
		warnings = app.Warnings(cfg, src)
	}
	for _, w := range warnings {
		fmt.Fprintln(c.stderr, "warning:", w)
	}
	if len(probs) > 0 {
		fmt.Fprintf(c.stderr, "%d problem(s) in %s\n", len(probs), describeSource(src, c.configPath()))
		return errReported
	}
	fmt.Fprintf(c.stdout, "config OK (%s)\n", describeSource(src, c.configPath()))
	writeSummary(c.stdout, cfg, src)
	return nil
}

func describeSource(src app.Source, path string) string {
	if src.File == "" {
		return "no " + path + "; defaults and environment"
	}
	return src.File
}

// writeSummary prints what serve would run with. Secrets appear only as
// "set (from ...)".
func writeSummary(w io.Writer, cfg app.Config, src app.Source) {
	secretState := func(key, value string) string {
		if value == "" {
			return "not set"
		}
		if env, ok := src.FromEnv[key]; ok {
			return "set (from " + env + ")"
		}
		return "set (in the file)"
	}
	fmt.Fprintf(w, "  timezone   %s\n", cfg.Timezone)
	fmt.Fprintf(w, "  storage    %s (backups %s, evidence %s)\n", cfg.Storage.Path, cfg.Storage.BackupDir, cfg.Storage.EvidenceDir)
	fmt.Fprintf(w, "  http       %s\n", cfg.HTTP.Listen)
	tg := fmt.Sprintf("%s mode, token %s", cfg.Telegram.Mode, secretState("telegram.token", cfg.Telegram.Token))
	if cfg.Telegram.Mode == "webhook" {
		tg += ", webhook " + cfg.Telegram.WebhookURL + ", secret " + secretState("telegram.webhook_secret", cfg.Telegram.WebhookSecret)
	}
	fmt.Fprintf(w, "  telegram   %s\n", tg)
	sl := fmt.Sprintf("%s mode, channel %s, %d approver(s), bot token %s", cfg.Slack.Mode, cfg.Slack.Channel,
		len(cfg.Slack.Approvers), secretState("slack.bot_token", cfg.Slack.BotToken))
	if cfg.Slack.Mode == "socket" {
		sl += ", app token " + secretState("slack.app_token", cfg.Slack.AppToken)
	} else {
		sl += ", signing secret " + secretState("slack.signing_secret", cfg.Slack.SigningSecret)
	}
	fmt.Fprintf(w, "  slack      %s\n", sl)
	if cfg.API.Token == "" {
		fmt.Fprintf(w, "  api        off (no api.token)\n")
	} else {
		fmt.Fprintf(w, "  api        on, token %s\n", secretState("api.token", cfg.API.Token))
	}
	var on, off []string
	for _, j := range cfg.Jobs.All() {
		if j.Enabled {
			on = append(on, j.Name+" "+j.Spec)
		} else {
			off = append(off, j.Name)
		}
	}
	fmt.Fprintf(w, "  jobs       %s", strings.Join(on, "; "))
	if len(off) > 0 {
		fmt.Fprintf(w, " (off: %s)", strings.Join(off, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  policy     refund window %d days, second approver over %d coins\n",
		cfg.Policy.RefundWindowDays, cfg.Policy.Approval.SecondApproverOverCoins)
}
