package story

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
)

// Stories read cards and modals through slackfake's Block Kit reader
// rather than through the adapter's Go types, as Slack would.

// blocksOf reads blocks; malformed JSON reads as none.
func blocksOf(raw json.RawMessage) []slackfake.Block {
	bs, _ := slackfake.ReadBlocks(raw)
	return bs
}

// cardCase returns the case ID of a card: its header reads "RF-1 · ...".
func cardCase(raw json.RawMessage) string {
	for _, b := range blocksOf(raw) {
		if b.Type == "header" {
			id, _, _ := strings.Cut(slackfake.PlainText(b.Text), " ")
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
		for _, e := range b.Buttons() {
			out = append(out, cardButton{label: e.Label(), action: e.ActionID})
		}
	}
	return out
}

// blocksText renders blocks as lines of text: headers, sections and their
// fields, context, and buttons as [label].
func blocksText(raw json.RawMessage) string {
	var lines []string
	for _, b := range blocksOf(raw) {
		switch b.Type {
		case "header", "section":
			if t := slackfake.PlainText(b.Text); t != "" {
				lines = append(lines, t)
			}
			for _, f := range b.Fields {
				lines = append(lines, f.Text)
			}
		case "context":
			var parts []string
			for _, e := range b.Elements {
				parts = append(parts, e.Label())
			}
			lines = append(lines, strings.Join(parts, " "))
		case "image":
			lines = append(lines, "[image]")
		}
		if b.Type == "actions" || b.Accessory != nil {
			var labels []string
			for _, e := range b.Buttons() {
				labels = append(labels, "["+e.Label()+"]")
			}
			if len(labels) > 0 {
				lines = append(lines, strings.Join(labels, " "))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// modalValues fills a modal's inputs from NAME=VALUE fields. NAME is an
// input block's ID or its prefix (leads fills leads_1, leads_2...); a
// select takes an option value, checkboxes a comma-separated list of
// option values, a text input the text.
func modalValues(view json.RawMessage, fields []string) (map[string]map[string]slackfake.Input, error) {
	v, err := slackfake.ReadView(view)
	if err != nil {
		return nil, err
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

func fill(values map[string]map[string]slackfake.Input, blocks []slackfake.Block, name, val string) error {
	var names []string
	wanted := strings.Split(val, ",")
	placed := map[string]bool{}
	found, boxes := false, false
	for _, b := range blocks {
		id, el := b.BlockID, b.Element
		if b.Type != "input" || el == nil {
			continue
		}
		names = append(names, id)
		if id != name && !strings.HasPrefix(id, name+"_") {
			continue
		}
		found = true
		action := el.ActionID
		in := slackfake.Input{}
		switch el.Type {
		case "plain_text_input":
			in.Value = val
		case "static_select":
			in.Selected = []string{val}
		case "checkboxes":
			boxes = true
			for _, o := range el.Options {
				ov := o.Value
				if slices.Contains(wanted, ov) {
					in.Selected = append(in.Selected, ov)
					placed[ov] = true
				}
			}
			if len(in.Selected) == 0 {
				continue
			}
		default:
			return fmt.Errorf("input %s is a %v, which stories cannot fill", id, el.Type)
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
