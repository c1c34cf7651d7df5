package app

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/policy"
)

// yamlLineRE finds the line yaml.v3 names in a syntax error.
var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// syntaxProblem turns a yaml.v3 error into "FILE:LINE: not valid YAML:
// what", a problem that stops the reading.
func syntaxProblem(file string, data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	// yaml.v3 counts the lines of its parser's errors ("did not find
	// expected ...") from 0 and names the line where the unfinished
	// construct opened; its scanner's errors count from 1.
	if strings.HasPrefix(msg, "did not find expected") {
		line = min(line+1, bytes.Count(data, []byte("\n"))+1)
	}
	return Problem{File: file, Line: line, Message: "not valid YAML: " + msg, Stop: true}
}

// Stopped reports whether a problem in ps stopped the reading: then only
// that problem is worth reporting.
func Stopped(ps []Problem) bool {
	return slices.ContainsFunc(ps, func(p Problem) bool { return p.Stop })
}

// Tidy is what a person should read of ps: when a problem stopped the
// reading, that problem alone; else every problem once, without those a
// misspelt key causes for the key it was meant to be (slack.aprovers
// does not also make slack.approvers "required"), sorted by file and
// line, the problems without a line (from the environment, or a key left
// out) last in the order found.
func Tidy(ps []Problem) []Problem {
	if i := slices.IndexFunc(ps, func(p Problem) bool { return p.Stop }); i >= 0 {
		return []Problem{ps[i]}
	}
	meant := map[string]bool{}
	for _, p := range ps {
		if p.Meant != "" {
			meant[p.Meant] = true
		}
	}
	seen := map[string]bool{}
	var out []Problem
	for _, p := range ps {
		if (meant[p.Key] && p.Line == 0) || seen[p.String()] {
			continue
		}
		seen[p.String()] = true
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b Problem) int {
		if (a.Line > 0) != (b.Line > 0) {
			if a.Line > 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}

// placeholderIDs are the Slack IDs config.example.yaml ships with: a copy
// of the example passes check, with a warning for each.
var placeholderIDs = map[string]bool{"C0123456789": true, "U0123456789": true, "U0987654321": true}

// Warnings are values that are valid but almost surely not what the
// operator wants: the example's placeholder Slack IDs and the built-in
// support address. They do not change check's exit status.
func Warnings(c Config, src Source) []Problem {
	var ws []Problem
	if placeholderIDs[c.Slack.Channel] {
		ws = append(ws, src.problem("slack.channel", "%s is the placeholder from config.example.yaml; put the ID of your cases channel", c.Slack.Channel))
	}
	for _, list := range []struct {
		key string
		ids []string
	}{{"slack.approvers", c.Slack.Approvers}, {"slack.agents", c.Slack.Agents}} {
		for i, id := range list.ids {
			if placeholderIDs[id] {
				ws = append(ws, src.problem(list.key, "item %d: %s is a placeholder from config.example.yaml; put a real Slack user ID", i+1, id))
			}
		}
	}
	if c.Policy.SupportEmail == policy.Default().SupportEmail {
		ws = append(ws, src.problem("policy.support_email", "still the built-in %s; confirm the address providers should write to", c.Policy.SupportEmail))
	}
	return Tidy(ws)
}
