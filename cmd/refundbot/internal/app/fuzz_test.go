package app

import (
	"strings"
	"testing"
)

// FuzzConfig loads any bytes as the config file. Whatever they are: no
// panic, and every problem names a key, or the file for a problem of the
// file as a whole, and no line outside the file.
func FuzzConfig(f *testing.F) {
	f.Add("timezone: Asia/Kolkata\nhttp: {listen: \"127.0.0.1:8080\"}\n")
	f.Add("slack:\n  approvers: [U0123456789]\n  agents: [U0987654321, U0987654321]\n")
	f.Add("http: {listen: \"8080\", metrics_listen: x}\n---\nslack: {channel: C1}\n")
	f.Add("---\n---\n")
	f.Add("policy:\n  non_responsive: {min_attempts: -1}\n  evidence: {max_text_chars: 1e9}\n")
	f.Add("a: &a [*a]\n")
	f.Add("timezone: [1, 2\n")
	f.Add("slack:\n  aprovers: []\nslack: {}\n")
	f.Fuzz(func(t *testing.T, data string) {
		lines := yamlLines(data)
		cfg, src, probs := parseConfig("config.yaml", []byte(data))
		probs = append(probs, Validate(cfg, src)...)
		for _, p := range probs {
			if (p.Key == "" && p.File == "") || p.Message == "" {
				t.Errorf("problem without a key, file or message: %+v", p)
			}
			if p.Line < 0 || p.Line > lines {
				t.Errorf("problem on line %d of a %d-line file: %s", p.Line, lines, p)
			}
		}
	})
}

// yamlLines counts the lines of data as YAML's scanner does: CR LF, a
// lone CR, LF, NEL, LS and PS each end a line.
func yamlLines(data string) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
			n++
		case data[i] == '\r' || data[i] == '\n':
			n++
		case strings.HasPrefix(data[i:], "\u0085") || strings.HasPrefix(data[i:], "\u2028") || strings.HasPrefix(data[i:], "\u2029"):
			n++
		}
	}
	return n
}
