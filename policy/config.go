package policy

import (
	"fmt"
	"strings"
)

// Config holds every knob of the policy. It is the `policy:` section of the
// YAML config; the yaml tags are the contract keys (see config.example.yaml).
// Durations are whole units named in the key, so a config reads plainly.
type Config struct {
	// RefundWindowDays: a lead can be refunded up to this many days after unlock.
	RefundWindowDays int `yaml:"refund_window_days"`
	// MaxLeadsPerCase: at most this many leads in one case.
	MaxLeadsPerCase int `yaml:"max_leads_per_case"`

	NonResponsive NonResponsiveConfig `yaml:"non_responsive"`
	Approval      ApprovalConfig      `yaml:"approval"`
	Findings      FindingsConfig      `yaml:"findings"`
	Evidence      EvidenceConfig      `yaml:"evidence"`
	SLA           SLAConfig           `yaml:"sla"`
	Drafts        DraftsConfig        `yaml:"drafts"`
	// InfoRequestExpiryHours: a case waiting for the provider's answer
	// longer than this is closed as expired.
	InfoRequestExpiryHours int `yaml:"info_request_expiry_hours"`
	// SupportEmail is the support address given to providers for critical
	// situations (cash refunds, unknown numbers). The seed's address is
	// obfuscated in the copy we have: confirm it before going live.
	SupportEmail string `yaml:"support_email"`
}

// NonResponsiveConfig: the minimum effort before a non-responsive claim.
type NonResponsiveConfig struct {
	MinAttempts  int `yaml:"min_attempts"`
	MinDays      int `yaml:"min_days"`
	MinWaitHours int `yaml:"min_wait_hours"`
}

// ApprovalConfig: who decides and how many must agree.
type ApprovalConfig struct {
	// SecondApproverOverCoins: cases whose total is over this many coins
	// need a second, different approver.
	SecondApproverOverCoins int64 `yaml:"second_approver_over_coins"`
}

// FindingsConfig: thresholds of the automatic checks shown to agents.
type FindingsConfig struct {
	RepeatRequestDays   int     `yaml:"repeat_request_days"`
	RepeatRequestWarnAt int     `yaml:"repeat_request_warn_at"`
	RefundRateDays      int     `yaml:"refund_rate_days"`
	RefundRateWarnOver  float64 `yaml:"refund_rate_warn_over"`
	RecentUnlockHours   int     `yaml:"recent_unlock_hours"`
}

// EvidenceConfig: limits of uploaded evidence.
type EvidenceConfig struct {
	MaxFileMB       int `yaml:"max_file_mb"`
	MaxFilesPerCase int `yaml:"max_files_per_case"`
	MaxTextChars    int `yaml:"max_text_chars"`
	// MaxNotesPerCase: at most this many text notes in one request (and
	// in one answer to an agent's question).
	MaxNotesPerCase int `yaml:"max_notes_per_case"`
	// MaxMBPerProviderPerDay caps the bytes of files one provider may have
	// downloaded into storage.evidence_dir in a day (the config's timezone).
	MaxMBPerProviderPerDay int `yaml:"max_mb_per_provider_per_day"`
	// OrphanGraceHours: a file in storage.evidence_dir that no session or
	// case refers to is deleted by the evidence-retention job once it is
	// this old.
	OrphanGraceHours int `yaml:"orphan_grace_hours"`
}

// SLAConfig: first-response times for agents.
type SLAConfig struct {
	FirstResponseHours int `yaml:"first_response_hours"`
	EscalateHours      int `yaml:"escalate_hours"`
}

// DraftsConfig: idle drafts get a reminder, then are dropped.
type DraftsConfig struct {
	ReminderAfterHours int `yaml:"reminder_after_hours"`
	ExpireAfterHours   int `yaml:"expire_after_hours"`
}

// Default returns the policy's defaults.
func Default() Config {
	return Config{
		RefundWindowDays: 30,
		MaxLeadsPerCase:  10,
		NonResponsive:    NonResponsiveConfig{MinAttempts: 3, MinDays: 2, MinWaitHours: 48},
		Approval:         ApprovalConfig{SecondApproverOverCoins: 500},
		Findings: FindingsConfig{
			RepeatRequestDays: 30, RepeatRequestWarnAt: 3,
			RefundRateDays: 90, RefundRateWarnOver: 0.3,
			RecentUnlockHours: 24,
		},
		Evidence: EvidenceConfig{MaxFileMB: 10, MaxFilesPerCase: 10, MaxTextChars: 2000,
			MaxNotesPerCase: 10, MaxMBPerProviderPerDay: 100, OrphanGraceHours: 24},
		SLA:                    SLAConfig{FirstResponseHours: 4, EscalateHours: 24},
		Drafts:                 DraftsConfig{ReminderAfterHours: 12, ExpireAfterHours: 24},
		InfoRequestExpiryHours: 72,
		SupportEmail:           "support@rockerstop.com",
	}
}

// FieldError is one invalid value, named by its full config key
// (for example "policy.non_responsive.min_attempts").
type FieldError struct {
	Key     string
	Message string
}

func (e FieldError) Error() string { return fmt.Sprintf("%s: %s", e.Key, e.Message) }

// Validate returns every problem of c at once, each with its key.
func (c Config) Validate() []FieldError {
	var errs []FieldError
	positive := func(key string, v int) {
		if v <= 0 {
			errs = append(errs, FieldError{"policy." + key, fmt.Sprintf("must be a positive whole number, got %d", v)})
		}
	}
	positive("refund_window_days", c.RefundWindowDays)
	if c.RefundWindowDays > 365 {
		errs = append(errs, FieldError{"policy.refund_window_days", fmt.Sprintf("must be at most 365, got %d", c.RefundWindowDays)})
	}
	positive("max_leads_per_case", c.MaxLeadsPerCase)
	if c.MaxLeadsPerCase > MaxLeadsLimit {
		errs = append(errs, FieldError{"policy.max_leads_per_case", fmt.Sprintf("must be at most %d (a case summary must fit one Telegram message), got %d", MaxLeadsLimit, c.MaxLeadsPerCase)})
	}
	positive("non_responsive.min_attempts", c.NonResponsive.MinAttempts)
	if c.NonResponsive.MinAttempts > 100 {
		errs = append(errs, FieldError{"policy.non_responsive.min_attempts", fmt.Sprintf("must be at most 100 (the most a provider can answer), got %d", c.NonResponsive.MinAttempts)})
	}
	positive("non_responsive.min_days", c.NonResponsive.MinDays)
	if c.NonResponsive.MinDays > c.NonResponsive.MinAttempts && c.NonResponsive.MinAttempts > 0 {
		errs = append(errs, FieldError{"policy.non_responsive.min_days", "must not be more than policy.non_responsive.min_attempts (one attempt a day at least)"})
	}
	if c.NonResponsive.MinDays > c.RefundWindowDays && c.RefundWindowDays > 0 {
		errs = append(errs, FieldError{"policy.non_responsive.min_days", "must not be more than policy.refund_window_days"})
	}
	if c.NonResponsive.MinWaitHours < 0 {
		errs = append(errs, FieldError{"policy.non_responsive.min_wait_hours", "must not be negative"})
	}
	if c.RefundWindowDays > 0 && c.NonResponsive.MinWaitHours >= c.RefundWindowDays*24 {
		errs = append(errs, FieldError{"policy.non_responsive.min_wait_hours", "must be less than the refund window (policy.refund_window_days × 24)"})
	}
	if c.Approval.SecondApproverOverCoins < 0 {
		errs = append(errs, FieldError{"policy.approval.second_approver_over_coins", "must not be negative"})
	}
	positive("findings.repeat_request_days", c.Findings.RepeatRequestDays)
	positive("findings.repeat_request_warn_at", c.Findings.RepeatRequestWarnAt)
	positive("findings.refund_rate_days", c.Findings.RefundRateDays)
	if c.Findings.RefundRateWarnOver <= 0 || c.Findings.RefundRateWarnOver > 1 {
		errs = append(errs, FieldError{"policy.findings.refund_rate_warn_over", fmt.Sprintf("must be a share between 0 and 1, got %g", c.Findings.RefundRateWarnOver)})
	}
	positive("findings.recent_unlock_hours", c.Findings.RecentUnlockHours)
	positive("evidence.max_file_mb", c.Evidence.MaxFileMB)
	if c.Evidence.MaxFileMB > 20 {
		errs = append(errs, FieldError{"policy.evidence.max_file_mb", "must be at most 20 (Telegram's getFile limit)"})
	}
	positive("evidence.max_files_per_case", c.Evidence.MaxFilesPerCase)
	positive("evidence.max_text_chars", c.Evidence.MaxTextChars)
	if c.Evidence.MaxTextChars > MaxTextCharsLimit {
		errs = append(errs, FieldError{"policy.evidence.max_text_chars", fmt.Sprintf("must be at most %d (a text must fit the agents' card), got %d", MaxTextCharsLimit, c.Evidence.MaxTextChars)})
	}
	positive("evidence.max_notes_per_case", c.Evidence.MaxNotesPerCase)
	if c.Evidence.MaxNotesPerCase > MaxNotesLimit {
		errs = append(errs, FieldError{"policy.evidence.max_notes_per_case", fmt.Sprintf("must be at most %d, got %d", MaxNotesLimit, c.Evidence.MaxNotesPerCase)})
	}
	positive("evidence.max_mb_per_provider_per_day", c.Evidence.MaxMBPerProviderPerDay)
	if c.Evidence.MaxMBPerProviderPerDay > 0 && c.Evidence.MaxFileMB > 0 && c.Evidence.MaxMBPerProviderPerDay < c.Evidence.MaxFileMB {
		errs = append(errs, FieldError{"policy.evidence.max_mb_per_provider_per_day", "must be at least policy.evidence.max_file_mb (one file of the largest size a day)"})
	}
	positive("evidence.orphan_grace_hours", c.Evidence.OrphanGraceHours)
	positive("sla.first_response_hours", c.SLA.FirstResponseHours)
	positive("sla.escalate_hours", c.SLA.EscalateHours)
	if c.SLA.EscalateHours > 0 && c.SLA.EscalateHours <= c.SLA.FirstResponseHours {
		errs = append(errs, FieldError{"policy.sla.escalate_hours", "must be more than policy.sla.first_response_hours"})
	}
	positive("drafts.reminder_after_hours", c.Drafts.ReminderAfterHours)
	positive("drafts.expire_after_hours", c.Drafts.ExpireAfterHours)
	if c.Drafts.ExpireAfterHours > 0 && c.Drafts.ExpireAfterHours <= c.Drafts.ReminderAfterHours {
		errs = append(errs, FieldError{"policy.drafts.expire_after_hours", "must be more than policy.drafts.reminder_after_hours"})
	}
	positive("info_request_expiry_hours", c.InfoRequestExpiryHours)
	if !plausibleEmail(c.SupportEmail) {
		errs = append(errs, FieldError{"policy.support_email", fmt.Sprintf("must be an email address, got %q", c.SupportEmail)})
	}
	return errs
}

// Upper bounds of knobs, chosen so every text still fits its surface
// (the catalogue tests render at these limits).
const (
	MaxLeadsLimit     = 30
	MaxTextCharsLimit = 2500
	MaxNotesLimit     = 50
)

// plausibleEmail checks the shape name@domain.tld: one '@', no spaces or
// markup characters (the address is shown in Telegram HTML).
func plausibleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.ContainsAny(s, " \t\r\n<>&\"'") &&
		!strings.Contains(domain, "@") && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
