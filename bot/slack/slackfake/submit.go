package slackfake

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
)

// Input is what the agent entered in one input element: Value for a text
// input, Selected for the option values of a select (first only) or of
// checkboxes.
type Input struct {
	Value    string
	Selected []string
}

// SubmitView plays user pressing Submit on the open modal viewID with
// values[blockID][actionID], and sends a signed view_submission (with the
// stored view's callback_id and private_metadata) to appURL +
// "/slack/interactions". It returns the app's answer, so tests can read
// response_action errors. Like Slack, it closes the view on an empty 200
// or response_action "clear", and replaces it on "update". Required inputs
// are not enforced here, so the app's own validation can be tested.
func (s *Server) SubmitView(ctx context.Context, appURL, user, viewID string, values map[string]map[string]Input, opts ...RequestOption) (*Reply, error) {
	s.mu.Lock()
	ov := s.views[viewID]
	if ov == nil || ov.user != user {
		s.mu.Unlock()
		return nil, fmt.Errorf("submit %s: no view open for %s", viewID, user)
	}
	state, err := viewState(ov.view, values)
	if err != nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("submit %s: %w", viewID, err)
	}
	view := make(map[string]any, len(ov.view))
	for k, v := range ov.view {
		view[k] = v
	}
	view["state"] = map[string]any{"values": state}
	payload := map[string]any{
		"type": "view_submission", "token": "verification-token-unused", "api_app_id": s.opts.AppID,
		"team": map[string]any{"id": s.opts.TeamID, "domain": "fake"}, "user": s.userJSON(user),
		"trigger_id": s.issueTrigger(user), "view": view, "response_urls": []any{},
	}
	s.mu.Unlock()
	raw, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encode payload: %w", err)
	}
	rep, err := s.send(ctx, appURL+"/slack/interactions", url.Values{"payload": {string(raw)}}, opts)
	if err != nil {
		return nil, err
	}
	if rep.StatusCode != http.StatusOK {
		return rep, nil
	}
	var resp struct {
		ResponseAction string         `json:"response_action"`
		View           map[string]any `json:"view"`
	}
	if len(rep.Body) > 0 {
		if err := json.Unmarshal(rep.Body, &resp); err != nil {
			return rep, fmt.Errorf("submit %s: app answered non-JSON %q", viewID, rep.Body)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch resp.ResponseAction {
	case "", "clear":
		delete(s.views, viewID)
	case "update":
		if err := validateModal(resp.View); err != nil {
			return rep, fmt.Errorf("submit %s: app's update view is invalid: %w", viewID, err)
		}
		ov.view = resp.View
		ov.complete(s.opts.TeamID, s.opts.AppID)
	}
	return rep, nil
}

// viewState builds view.state.values for every input block of the view.
func viewState(view map[string]any, values map[string]map[string]Input) (map[string]any, error) {
	state := map[string]any{}
	blocks, _ := view["blocks"].([]any)
	for _, b := range blocks {
		bm, _ := b.(map[string]any)
		if bm["type"] != "input" {
			continue
		}
		blockID, _ := bm["block_id"].(string)
		el, _ := bm["element"].(map[string]any)
		actionID, _ := el["action_id"].(string)
		in := values[blockID][actionID]
		v := map[string]any{"type": el["type"]}
		switch el["type"] {
		case "plain_text_input":
			v["value"] = nil
			if in.Value != "" {
				v["value"] = in.Value
			}
		case "static_select":
			v["selected_option"] = nil
			if len(in.Selected) > 0 {
				o, err := pickOption(el, in.Selected[0])
				if err != nil {
					return nil, err
				}
				v["selected_option"] = o
			}
		case "checkboxes":
			picked := []any{}
			for _, val := range in.Selected {
				o, err := pickOption(el, val)
				if err != nil {
					return nil, err
				}
				picked = append(picked, o)
			}
			v["selected_options"] = picked
		}
		state[blockID] = map[string]any{actionID: v}
	}
	for blockID := range values {
		if _, ok := state[blockID]; !ok {
			return nil, fmt.Errorf("no input block %q in the view", blockID)
		}
	}
	return state, nil
}

func pickOption(el map[string]any, value string) (any, error) {
	opts, _ := el["options"].([]any)
	i := slices.IndexFunc(opts, func(o any) bool { om, _ := o.(map[string]any); return om["value"] == value })
	if i < 0 {
		return nil, fmt.Errorf("option %q is not offered", value)
	}
	return opts[i], nil
}

type responseTarget struct {
	channel, user, ts string
}

// serveResponseURL records what the app posts to a response_url: an
// ephemeral message by default, or a replacement of the original message.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	s.calls["response_url"]++
	target, ok := s.responses[id]
	s.mu.Unlock()
	if !ok || r.Method != http.MethodPost {
		http.Error(w, "unknown response_url", http.StatusNotFound)
		return
	}
	var msg struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAPIBody))
	if err != nil || json.Unmarshal(body, &msg) != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	if len(msg.Blocks) > 0 && string(msg.Blocks) != "null" {
		if err := validateBlocks(msg.Blocks, maxMessageBlocks); err != nil {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_blocks"})
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.find(target.channel, target.ts); msg.ReplaceOriginal && m != nil {
		m.Text, m.Blocks = msg.Text, msg.Blocks
		m.Edited++
	} else {
		s.ephemerals = append(s.ephemerals, Ephemeral{Channel: target.channel, User: target.user, Text: msg.Text, Blocks: msg.Blocks, Via: "response_url"})
	}
	writeJSON(w, map[string]any{"ok": true})
}
