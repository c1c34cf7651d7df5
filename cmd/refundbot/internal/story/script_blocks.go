package story

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// block is one Block Kit block as JSON; stories read cards and modals
// through it rather than through the adapter's Go types, as Slack would.
type block = map[string]any

func blocksOf(raw json.RawMessage) []block {
	var bs []block
	_ = json.Unmarshal(raw, &bs)
	return bs
}

// textOf returns the text of a text object ({"type", "text"}).
func textOf(v any) string {
	m, _ := v.(map[string]any)
	t, _ := m["text"].(string)
	return t
}

// cardCase returns the case ID of a card: its header reads "RF-1 · ...".
func cardCase(raw json.RawMessage) string {
	for _, b := range blocksOf(raw) {
		if b["type"] == "header" {
			id, _, _ := strings.Cut(textOf(b["text"]), " ")
			return id
		}
	}
	return ""
}

type cardButton struct{ label, action string }

// cardButtons lists the buttons of actions blocks and accessories.
func cardButtons(raw json.RawMessage) []cardButton {
	var out []cardButton
	for _, b := range blocksOf(raw) {
		els, _ := b["elements"].([]any)
		if acc, ok := b["accessory"]; ok {
			els = append(els, acc)
		}
		for _, e := range els {
			if em, _ := e.(map[string]any); em["type"] == "button" {
				action, _ := em["action_id"].(string)
				out = append(out, cardButton{label: textOf(em["text"]), action: action})
			}
		}
	}
	return out
}

// blocksText renders blocks as lines of text: headers, sections and their
// fields, context, and buttons as [label].
func blocksText(raw json.RawMessage) string {
	var lines []string
	for _, b := range blocksOf(raw) {
		switch b["type"] {
		case "header", "section":
			if t := textOf(b["text"]); t != "" {
				lines = append(lines, t)
			}
			fields, _ := b["fields"].([]any)
			for _, f := range fields {
				lines = append(lines, textOf(f))
			}
		case "context":
			els, _ := b["elements"].([]any)
			var parts []string
			for _, e := range els {
				parts = append(parts, textOf(e))
			}
			lines = append(lines, strings.Join(parts, " "))
		case "image":
			lines = append(lines, "[image]")
		}
		if b["type"] == "actions" || b["accessory"] != nil {
			var labels []string
			for _, c := range cardButtons(mustJSON([]block{b})) {
				labels = append(labels, "["+c.label+"]")
			}
			if len(labels) > 0 {
				lines = append(lines, strings.Join(labels, " "))
			}
		}
	}
	return strings.Join(lines, "\n")
}

func mustJSON(v any) json.RawMessage {
	raw, _ := json.Marshal(v)
	return raw
}

// modalValues fills a modal's inputs from NAME=VALUE fields. NAME is an
// input block's ID or its prefix (leads fills leads_1, leads_2...); a
// select takes an option value, checkboxes a comma-separated list of
// option values, a text input the text.
func modalValues(view json.RawMessage, fields []string) (map[string]map[string]slackfake.Input, error) {
	var v struct {
		Blocks []block `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		return nil, fmt.Errorf("read the modal: %w", err)
	}
	values := map[string]map[string]slackfake.Input{}
	for _, f := range fields {
		name, val, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("want NAME=VALUE, got %q", f)
		}
		if err := fill(values, v.Blocks, name, val); err != nil {
			return nil, err
		}
	}
	return values, nil
}

func fill(values map[string]map[string]slackfake.Input, blocks []block, name, val string) error {
	var names []string
	wanted := strings.Split(val, ",")
	placed := map[string]bool{}
	found, boxes := false, false
	for _, b := range blocks {
		id, _ := b["block_id"].(string)
		el, _ := b["element"].(map[string]any)
		if b["type"] != "input" || el == nil {
			continue
		}
		names = append(names, id)
		if id != name && !strings.HasPrefix(id, name+"_") {
			continue
		}
		found = true
		action, _ := el["action_id"].(string)
		in := slackfake.Input{}
		switch el["type"] {
		case "plain_text_input":
			in.Value = val
		case "static_select":
			in.Selected = []string{val}
		case "checkboxes":
			boxes = true
			opts, _ := el["options"].([]any)
			for _, o := range opts {
				ov, _ := o.(map[string]any)["value"].(string)
				if slices.Contains(wanted, ov) {
					in.Selected = append(in.Selected, ov)
					placed[ov] = true
				}
			}
			if len(in.Selected) == 0 {
				continue
			}
		default:
			return fmt.Errorf("input %s is a %v, which stories cannot fill", id, el["type"])
		}
		values[id] = map[string]slackfake.Input{action: in}
	}
	if !found {
		return fmt.Errorf("the modal has no input %q (its inputs are %s)", name, strings.Join(names, ", "))
	}
	for _, w := range wanted {
		if boxes && !placed[w] {
			return fmt.Errorf("%s: the modal offers no %q", name, w)
		}
	}
	return nil
}
