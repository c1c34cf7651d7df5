package app

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/cmdline"
)

// nodeDecoder walks a YAML node tree against a Go struct, guided only by
// the struct's yaml tags, so a new field (a policy knob) needs no loader
// change. Structs are walked key by key; every other value (strings,
// numbers, lists) is decoded by yaml.v3 on its own, so one bad value does
// not hide the next.
type nodeDecoder struct {
	file     string
	lines    map[string]int // key path → line
	problems []Problem
}

// add records a problem; key "" is the document itself (a bare scalar
// instead of keys).
func (d *nodeDecoder) add(line int, key, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Key: key, Message: fmt.Sprintf(format, args...)})
}

// decode decodes n into the value ptr points to; path is n's key path.
// A null value keeps the default.
func (d *nodeDecoder) decode(path string, n *yaml.Node, ptr any) {
	d.decodeValue(path, n, reflect.ValueOf(ptr).Elem())
}

func (d *nodeDecoder) decodeValue(path string, n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if v.Kind() != reflect.Struct {
		target := reflect.New(v.Type())
		target.Elem().Set(v)
		if err := n.Decode(target.Interface()); err != nil {
			d.add(n.Line, path, "want %s, got %s", describeType(v.Type()), describeNode(n))
			return
		}
		v.Set(target.Elem())
		return
	}
	if n.Kind != yaml.MappingNode {
		d.add(n.Line, path, "want a mapping of keys, got %s", describeNode(n))
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := joinKey(path, k.Value)
		if k.Kind != yaml.ScalarNode || k.Value == "<<" {
			d.add(k.Line, key, "unsupported key (merge keys and complex keys are not allowed)")
			continue
		}
		idx, ok := fields[k.Value]
		if !ok {
			meant := suggest(path, k.Value, v.Type())
			d.add(k.Line, key, "unknown key%s", didYouMean(meant))
			d.problems[len(d.problems)-1].Meant = meant
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.add(k.Line, key, "repeated key (first set on line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		d.lines[key] = k.Line
		d.decodeValue(key, val, v.FieldByIndex(idx))
	}
}

// yamlFields maps each yaml key of struct type t to its field index,
// following ",inline" embedded structs as yaml.v3 does.
func yamlFields(t reflect.Type) map[string][]int {
	out := map[string][]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") && f.Type.Kind() == reflect.Struct {
			for k, idx := range yamlFields(f.Type) {
				out[k] = append([]int{i}, idx...)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = []int{i}
	}
	return out
}

// knownKeys lists every key path of t, containers and leaves, sorted.
func knownKeys(t reflect.Type) []string {
	var keys []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for name, idx := range yamlFields(t) {
			key := joinKey(prefix, name)
			keys = append(keys, key)
			if ft := t.FieldByIndex(idx).Type; ft.Kind() == reflect.Struct {
				walk(key, ft)
			}
		}
	}
	walk("", t)
	sort.Strings(keys)
	return keys
}

func joinKey(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// suggest proposes the closest key at the same level, or the full path of
// a key of that exact name elsewhere (approvers → slack.approvers), or "".
func suggest(prefix, name string, t reflect.Type) string {
	best, bestDist := "", len(name)/3+2
	for k := range yamlFields(t) {
		if dist := cmdline.EditDistance(strings.ToLower(name), k); dist < bestDist || (dist == bestDist && k < best) {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return joinKey(prefix, best)
	}
	for _, k := range knownKeys(reflect.TypeOf(Config{})) {
		if strings.HasSuffix(k, "."+name) {
			return k
		}
	}
	return ""
}

func didYouMean(key string) string {
	if key == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", key)
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list of " + describeType(t.Elem())
	}
	return t.String()
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}
