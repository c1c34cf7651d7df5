package conversations

import (
	"strings"
	"unicode"
)

// MaxLeadIDLen bounds one lead ID; longer tokens are refused as unknown.
const MaxLeadIDLen = 40

// ParseLeadIDs splits a provider's message into lead IDs: separated by
// commas, semicolons, spaces or new lines; upper-cased (IDs are
// case-insensitive); duplicates folded, first occurrence kept in order.
// A leading '#' is dropped ("#L-2001" is "L-2001").
func ParseLeadIDs(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == ';' || unicode.IsSpace(r)
	})
	seen := make(map[string]bool, len(fields))
	var ids []string
	for _, f := range fields {
		id := strings.ToUpper(strings.Trim(f, "#.()[]\"'"))
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		ids = append(ids, id)
	}
	return ids
}

// ValidLeadIDShape reports whether id could be a lead ID at all: letters,
// digits, '-' and '_' only, at most MaxLeadIDLen bytes.
func ValidLeadIDShape(id string) bool {
	if id == "" || len(id) > MaxLeadIDLen {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')) {
			return false
		}
	}
	return true
}
