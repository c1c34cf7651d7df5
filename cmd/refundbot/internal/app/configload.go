package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with the configuration, named by its key and,
// when the value came from the file, by its line.
type Problem struct {
	File    string
	Line    int
	Key     string // "" for the file as a whole (not valid YAML)
	Message string
	// Meant is the key an unknown key was probably meant to be; a problem
	// with that key is a consequence, not news (see Tidy).
	Meant string
	// Stop marks a problem after which nothing else was read (a YAML
	// syntax error): whatever else seems wrong follows from it.
	Stop bool
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" && (p.Line > 0 || p.Key == "") {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	return b.String() + p.Message
}

// ConfigError carries every problem found, so one run can report them all.
type ConfigError struct{ Problems []Problem }

func (e *ConfigError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("the configuration has %d problem(s):\n%s", len(e.Problems), strings.Join(lines, "\n"))
}

// Source records where each value came from, for messages and for
// check's summary (which says "from REFUNDBOT_..." rather than a secret).
type Source struct {
	File    string            // the file read; "" when only defaults apply
	lines   map[string]int    // key path → line of the key in file
	FromEnv map[string]string // key path → environment variable that set it
}

func (s Source) problem(key, format string, args ...any) Problem {
	p := Problem{Key: key, Message: fmt.Sprintf(format, args...)}
	if _, env := s.FromEnv[key]; !env {
		p.File, p.Line = s.File, s.lines[key]
	}
	return p
}

// secret is a config key that an environment variable may set instead.
type secret struct {
	key, env string
	field    *string
}

// secrets lists the secret keys of c with their environment variables.
func secrets(c *Config) []secret {
	return []secret{
		{"telegram.token", "REFUNDBOT_TELEGRAM_TOKEN", &c.Telegram.Token},
		{"telegram.webhook_secret", "REFUNDBOT_TELEGRAM_WEBHOOK_SECRET", &c.Telegram.WebhookSecret},
		{"slack.bot_token", "REFUNDBOT_SLACK_BOT_TOKEN", &c.Slack.BotToken},
		{"slack.signing_secret", "REFUNDBOT_SLACK_SIGNING_SECRET", &c.Slack.SigningSecret},
		{"slack.app_token", "REFUNDBOT_SLACK_APP_TOKEN", &c.Slack.AppToken},
		{"api.token", "REFUNDBOT_API_TOKEN", &c.API.Token},
		{"storage.etcd.password", etcdPasswordEnv, &c.Storage.Etcd.Password},
	}
}

// LoadConfig reads the YAML file at path onto the defaults, applies the
// secrets of env (the environment wins over the file) and validates the
// result. A missing file is an error only when mustExist; otherwise the
// defaults apply. Every problem is returned at once in a *ConfigError.
func LoadConfig(path string, mustExist bool, env func(string) string) (Config, Source, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !mustExist:
		data, path = nil, ""
	case errors.Is(err, fs.ErrNotExist):
		return Config{}, Source{}, fmt.Errorf("config file %s does not exist (copy config.example.yaml to start one)", path)
	case err != nil:
		return Config{}, Source{}, fmt.Errorf("read config: %w", err)
	}
	cfg, src, probs := parseConfig(path, data)
	applyEnv(&cfg, &src, env)
	if !Stopped(probs) {
		probs = append(probs, Validate(cfg, src)...)
	}
	if len(probs) > 0 {
		return cfg, src, &ConfigError{Problems: Tidy(probs)}
	}
	return cfg, src, nil
}

// parseConfig decodes data strictly onto defaultConfig: an unknown,
// misspelt or repeated key, or a value of the wrong type, is a problem
// naming the key and its line. Problems do not stop the decoding, so all
// are reported.
func parseConfig(file string, data []byte) (Config, Source, []Problem) {
	cfg := DefaultConfig()
	d := &nodeDecoder{file: file, lines: map[string]int{}}
	src := Source{File: file, lines: d.lines, FromEnv: map[string]string{}}
	if len(strings.TrimSpace(string(data))) == 0 {
		return cfg, src, nil
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return cfg, src, []Problem{syntaxProblem(file, data, err)}
	}
	// yaml.Unmarshal reads the first document only and ignores the rest
	// in silence: a second document is refused, naming its line.
	// A bare trailing "---" (an empty document) is harmless and allowed.
	for {
		var second yaml.Node
		err := dec.Decode(&second)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return cfg, src, []Problem{syntaxProblem(file, data, err)}
		}
		if len(second.Content) > 0 && !(second.Content[0].Kind == yaml.ScalarNode && second.Content[0].Tag == "!!null") {
			return cfg, src, []Problem{{File: file, Line: secondDocLine(data, second), Stop: true,
				Message: "a second YAML document starts here (after ---); the configuration must be one document"}}
		}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		d.decode("", root.Content[0], &cfg)
	}
	return cfg, src, d.problems
}

// secondDocLine is the line of the "---" that starts the second document,
// or of its first node when no marker line is found.
func secondDocLine(data []byte, doc yaml.Node) int {
	line := doc.Line
	if len(doc.Content) > 0 {
		line = doc.Content[0].Line
	}
	lines := strings.Split(string(data), "\n")
	for i := min(line, len(lines)) - 1; i >= 1; i-- { // the first document may start with its own ---
		if strings.HasPrefix(lines[i], "---") {
			return i + 1
		}
	}
	return line
}

// applyEnv lets each secret's environment variable replace the file's value.
func applyEnv(cfg *Config, src *Source, env func(string) string) {
	if env == nil {
		return
	}
	for _, s := range secrets(cfg) {
		if v := strings.TrimSpace(env(s.env)); v != "" {
			*s.field = v
			src.FromEnv[s.key] = s.env
		}
	}
}
