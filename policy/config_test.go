package policy

import (
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	if errs := Default().Validate(); len(errs) != 0 {
		t.Fatalf("Default().Validate() = %v", errs)
	}
}

func TestValidateNamesTheKey(t *testing.T) {
	tests := []struct {
		key    string
		change func(*Config)
	}{
		{"policy.refund_window_days", func(c *Config) { c.RefundWindowDays = 0 }},
		{"policy.refund_window_days", func(c *Config) { c.RefundWindowDays = 366 }},
		{"policy.max_leads_per_case", func(c *Config) { c.MaxLeadsPerCase = -1 }},
		{"policy.max_leads_per_case", func(c *Config) { c.MaxLeadsPerCase = MaxLeadsLimit + 1 }},
		{"policy.non_responsive.min_attempts", func(c *Config) { c.NonResponsive.MinAttempts = 0 }},
		{"policy.non_responsive.min_attempts", func(c *Config) { c.NonResponsive.MinAttempts = 101 }},
		{"policy.non_responsive.min_days", func(c *Config) { c.NonResponsive.MinDays = 4 }},
		{"policy.non_responsive.min_wait_hours", func(c *Config) { c.NonResponsive.MinWaitHours = -1 }},
		{"policy.non_responsive.min_wait_hours", func(c *Config) { c.NonResponsive.MinWaitHours = 30 * 24 }},
		{"policy.approval.second_approver_over_coins", func(c *Config) { c.Approval.SecondApproverOverCoins = -1 }},
		{"policy.findings.refund_rate_warn_over", func(c *Config) { c.Findings.RefundRateWarnOver = 1.5 }},
		{"policy.evidence.max_file_mb", func(c *Config) { c.Evidence.MaxFileMB = 21 }},
		{"policy.evidence.max_text_chars", func(c *Config) { c.Evidence.MaxTextChars = MaxTextCharsLimit + 1 }},
		{"policy.evidence.max_notes_per_case", func(c *Config) { c.Evidence.MaxNotesPerCase = 0 }},
		{"policy.evidence.max_notes_per_case", func(c *Config) { c.Evidence.MaxNotesPerCase = MaxNotesLimit + 1 }},
		{"policy.evidence.max_mb_per_provider_per_day", func(c *Config) { c.Evidence.MaxMBPerProviderPerDay = -1 }},
		{"policy.evidence.max_mb_per_provider_per_day", func(c *Config) { c.Evidence.MaxMBPerProviderPerDay = c.Evidence.MaxFileMB - 1 }},
		{"policy.evidence.orphan_grace_hours", func(c *Config) { c.Evidence.OrphanGraceHours = 0 }},
		{"policy.sla.escalate_hours", func(c *Config) { c.SLA.EscalateHours = c.SLA.FirstResponseHours }},
		{"policy.drafts.expire_after_hours", func(c *Config) { c.Drafts.ExpireAfterHours = 1 }},
		{"policy.info_request_expiry_hours", func(c *Config) { c.InfoRequestExpiryHours = 0 }},
		{"policy.support_email", func(c *Config) { c.SupportEmail = "" }},
		{"policy.support_email", func(c *Config) { c.SupportEmail = "help at rockerstop" }},
		{"policy.support_email", func(c *Config) { c.SupportEmail = "<b>@x.in" }},
	}
	for _, tt := range tests {
		c := Default()
		tt.change(&c)
		errs := c.Validate()
		if len(errs) != 1 || errs[0].Key != tt.key {
			t.Errorf("%s: Validate() = %v, want one error for that key", tt.key, errs)
			continue
		}
		if !strings.HasPrefix(errs[0].Error(), tt.key+": ") {
			t.Errorf("Error() = %q does not start with the key", errs[0].Error())
		}
	}
}

func TestValidateBoundsAccepted(t *testing.T) {
	c := Default()
	c.MaxLeadsPerCase = MaxLeadsLimit
	c.Evidence.MaxTextChars = MaxTextCharsLimit
	c.NonResponsive.MinWaitHours = 30*24 - 1
	c.NonResponsive.MinDays = c.NonResponsive.MinAttempts
	c.Approval.SecondApproverOverCoins = 0
	c.Evidence.MaxFileMB = 20
	if errs := c.Validate(); len(errs) != 0 {
		t.Errorf("limits themselves refused: %v", errs)
	}
}
