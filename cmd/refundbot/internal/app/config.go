package app

import (
	"time"

	"github.com/rockerstop/refundbot/policy"
)

// Config is the whole YAML configuration. The yaml tags are the contract
// keys of DESIGN.md; config.example.yaml documents every one of them and a
// test keeps the two in step. Secrets may come from the environment
// variables in secretEnv instead, and the environment wins.
type Config struct {
	Timezone string         `yaml:"timezone"`
	Storage  StorageConfig  `yaml:"storage"`
	HTTP     HTTPConfig     `yaml:"http"`
	Telegram TelegramConfig `yaml:"telegram"`
	Slack    SlackConfig    `yaml:"slack"`
	API      APIConfig      `yaml:"api"`
	Log      LogConfig      `yaml:"log"`
	Phone    PhoneConfig    `yaml:"phone"`
	Jobs     JobsConfig     `yaml:"jobs"`
	Policy   policy.Config  `yaml:"policy"`
}

// StorageConfig says where the database, the backups and the evidence live.
type StorageConfig struct {
	Path        string     `yaml:"path"`
	BackupDir   string     `yaml:"backup_dir"`
	EvidenceDir string     `yaml:"evidence_dir"`
	Backend     string     `yaml:"backend"` // bbolt (default) | etcd
	Etcd        EtcdConfig `yaml:"etcd"`    // etcd.go
}

// HTTPConfig is the one HTTP listener (health, metrics, Slack, webhooks, API).
type HTTPConfig struct {
	Listen string `yaml:"listen"`
	// MetricsListen, when set, serves /metrics on its own address and
	// takes it off Listen, which Slack and Telegram must reach.
	MetricsListen string `yaml:"metrics_listen"`
}

// TelegramConfig is the provider-facing bot.
type TelegramConfig struct {
	Token         string `yaml:"token"`
	APIURL        string `yaml:"api_url"`
	Mode          string `yaml:"mode"` // polling | webhook
	WebhookURL    string `yaml:"webhook_url"`
	WebhookSecret string `yaml:"webhook_secret"`
}

// SlackConfig is the agents' desk.
type SlackConfig struct {
	BotToken      string   `yaml:"bot_token"`
	SigningSecret string   `yaml:"signing_secret"`
	AppToken      string   `yaml:"app_token"`
	APIURL        string   `yaml:"api_url"`
	Mode          string   `yaml:"mode"` // http | socket
	Channel       string   `yaml:"channel"`
	Approvers     []string `yaml:"approvers"`
	// Agents may look things up with /refund but not decide; approvers
	// may look things up too.
	Agents []string `yaml:"agents"`
}

// Configured reports whether any Slack setting that only a Slack desk
// needs is present.
func (s SlackConfig) Configured() bool {
	return s.BotToken != "" || s.Channel != "" || s.SigningSecret != "" || s.AppToken != ""
}

// APIConfig is the platform API under /api/v1/; it is off while Token is empty.
type APIConfig struct {
	Token string `yaml:"token"`
}

// LogConfig is the slog handler of the process.
type LogConfig struct {
	Format string `yaml:"format"` // text | json
	Level  string `yaml:"level"`  // debug | info | warn | error
}

// PhoneConfig says how phone numbers without a country code are read.
type PhoneConfig struct {
	DefaultRegion string `yaml:"default_region"`
}

// JobConfig is one scheduled job: a robfig/cron spec (five fields or a
// descriptor such as @daily, optionally prefixed CRON_TZ=Zone) in the
// configured timezone.
type JobConfig struct {
	Spec    string `yaml:"spec"`
	Enabled bool   `yaml:"enabled"`
}

// BackupJobConfig is the nightly hot backup into storage.backup_dir.
type BackupJobConfig struct {
	JobConfig `yaml:",inline"`
	// Keep is how many backups stay in backup_dir; older ones are deleted.
	Keep int `yaml:"keep"`
}

// EvidenceRetentionJobConfig deletes evidence files of final cases.
type EvidenceRetentionJobConfig struct {
	JobConfig `yaml:",inline"`
	// RetentionDays: evidence of a case final for longer than this is deleted.
	RetentionDays int `yaml:"retention_days"`
}

// RecordsRetentionJobConfig deletes old dedup markers and delivered messages.
type RecordsRetentionJobConfig struct {
	JobConfig `yaml:",inline"`
	// KeepDays: markers and delivered messages older than this are deleted (at least 2).
	KeepDays int `yaml:"keep_days"`
}

// JobsConfig holds every scheduled job by its name.
type JobsConfig struct {
	SLAReminder       JobConfig                  `yaml:"sla-reminder"`
	DraftExpiry       JobConfig                  `yaml:"draft-expiry"`
	InfoExpiry        JobConfig                  `yaml:"info-expiry"`
	DailyDigest       JobConfig                  `yaml:"daily-digest"`
	Backup            BackupJobConfig            `yaml:"backup"`
	EvidenceRetention EvidenceRetentionJobConfig `yaml:"evidence-retention"`
	RecordsRetention  RecordsRetentionJobConfig  `yaml:"records-retention"`
}

// NamedJob is a job with its config key.
type NamedJob struct {
	Name string
	JobConfig
}

// All lists the jobs in a fixed order, for the scheduler and for check.
func (j JobsConfig) All() []NamedJob {
	return []NamedJob{
		{"sla-reminder", j.SLAReminder},
		{"draft-expiry", j.DraftExpiry},
		{"info-expiry", j.InfoExpiry},
		{"daily-digest", j.DailyDigest},
		{"backup", j.Backup.JobConfig},
		{"evidence-retention", j.EvidenceRetention.JobConfig},
		{"records-retention", j.RecordsRetention.JobConfig},
	}
}

// DefaultConfig returns the configuration used for every key a file leaves out.
func DefaultConfig() Config {
	return Config{
		Timezone: "Asia/Kolkata",
		Storage: StorageConfig{
			Path:        "./data/refundbot.db",
			BackupDir:   "./data/backups",
			EvidenceDir: "./data/evidence",
		},
		HTTP:     HTTPConfig{Listen: "127.0.0.1:8080"},
		Telegram: TelegramConfig{APIURL: "https://api.telegram.org", Mode: "polling"},
		Slack:    SlackConfig{APIURL: "https://slack.com/api/", Mode: "http"},
		Log:      LogConfig{Format: "text", Level: "info"},
		Phone:    PhoneConfig{DefaultRegion: "IN"},
		Jobs: JobsConfig{
			SLAReminder: JobConfig{Spec: "*/15 * * * *", Enabled: true},
			DraftExpiry: JobConfig{Spec: "*/10 * * * *", Enabled: true},
			InfoExpiry:  JobConfig{Spec: "5 * * * *", Enabled: true},
			DailyDigest: JobConfig{Spec: "0 9 * * *", Enabled: true},
			Backup:      BackupJobConfig{JobConfig: JobConfig{Spec: "30 2 * * *", Enabled: true}, Keep: 7},
			EvidenceRetention: EvidenceRetentionJobConfig{
				JobConfig: JobConfig{Spec: "0 3 * * *", Enabled: true}, RetentionDays: 90,
			},
			RecordsRetention: RecordsRetentionJobConfig{
				JobConfig: JobConfig{Spec: "15 3 * * *", Enabled: true}, KeepDays: 7,
			},
		},
		Policy: policy.Default(),
	}
}

// Location loads the configured timezone; Validate has already checked it,
// so an error here means the config was not validated.
func (c Config) Location() (*time.Location, error) {
	return time.LoadLocation(c.Timezone)
}
