package slackfake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Reply is the app's answer to a request the fake sent it.
type Reply struct {
	StatusCode int
	Body       []byte
	// TriggerID and ResponseURL are the ones the fake put in the request.
	TriggerID   string
	ResponseURL string
}

// RequestOption changes how a request to the app is signed.
type RequestOption func(*signing)

type signing struct {
	secret string
	at     time.Time
	socket bool
}

// WithSecret signs with secret instead of the workspace's signing secret.
func WithSecret(secret string) RequestOption { return func(s *signing) { s.secret = secret } }

// WithTimestamp signs with timestamp at instead of now (stale requests).
func WithTimestamp(at time.Time) RequestOption { return func(s *signing) { s.at = at } }

// Sign returns the X-Slack-Signature of body sent at ts:
// v0=hex(hmac_sha256(secret, "v0:<unix ts>:<body>")).
func Sign(secret string, ts time.Time, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%d:", ts.Unix())
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// send POSTs a signed form body to the app. The timestamp is the real
// time unless overridden: the app checks it against its own clock.
func (s *Server) send(ctx context.Context, endpoint string, form url.Values, opts []RequestOption) (*Reply, error) {
	return s.sendBody(ctx, endpoint, form, nil, opts)
}

// sendBody is send with the form's encoding given (body; nil: encode it
// here).
func (s *Server) sendBody(ctx context.Context, endpoint string, form url.Values, body []byte, opts []RequestOption) (*Reply, error) {
	sg := signing{secret: s.opts.SigningSecret, at: time.Now()}
	for _, o := range opts {
		o(&sg)
	}
	if sg.socket {
		return s.sendSocketForm(ctx, endpoint, form)
	}
	if body == nil {
		body = []byte(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(sg.at.Unix(), 10))
	req.Header.Set("X-Slack-Signature", Sign(sg.secret, sg.at, body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("post %s: %w", endpoint, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	return &Reply{StatusCode: res.StatusCode, Body: b}, nil
}

func (s *Server) userJSON(user string) map[string]any {
	u := s.users[user]
	return map[string]any{"id": user, "username": u.Name, "name": u.Name, "team_id": s.opts.TeamID}
}

// ClickButton plays user clicking the button actionID on the message ts of
// channel: it sends a signed block_actions payload to appURL +
// "/slack/interactions", with a fresh trigger_id and a response_url on the
// fake. It fails when the message has no such button.
func (s *Server) ClickButton(ctx context.Context, appURL, user, channel, messageTS, actionID string, opts ...RequestOption) (*Reply, error) {
	c, err := s.PrepareClick(appURL, user, channel, messageTS, actionID, opts...)
	if err != nil {
		return nil, err
	}
	return c.Send(ctx)
}

// Click is a button click whose payload is built (what Slack does before
// it calls the app); Send sends it. A load test prepares a burst of clicks
// first, so that it times the app's answer and not the fake's own work.
type Click struct {
	s        *Server
	endpoint string
	form     url.Values
	body     []byte // form, encoded
	opts     []RequestOption
	trig     string
	respURL  string
}

// PrepareClick is ClickButton up to sending: it finds the button, issues
// the trigger_id and response_url and builds the payload.
func (s *Server) PrepareClick(appURL, user, channel, messageTS, actionID string, opts ...RequestOption) (*Click, error) {
	// The message's text and blocks are read under the lock and parsed
	// outside it: an update replaces them, never changes them in place, and
	// clicks of many agents at once do not queue behind each other's JSON.
	s.mu.Lock()
	m := s.find(channel, messageTS)
	if m == nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("click %s: no message %s in %s", actionID, messageTS, channel)
	}
	text, raw := m.Text, m.Blocks
	s.mu.Unlock()
	blockID, button, ok := findButton(raw, actionID)
	if !ok {
		return nil, fmt.Errorf("click %s: no such button on message %s", actionID, messageTS)
	}
	var blocks any
	_ = json.Unmarshal(raw, &blocks)
	s.mu.Lock()
	trig := s.issueTrigger(user)
	respID := s.nextID("R")
	respURL := s.srv.URL + "/response/" + respID
	s.responses[respID] = responseTarget{channel: channel, user: user, ts: messageTS}
	payload := map[string]any{
		"type": "block_actions", "token": "verification-token-unused", "api_app_id": s.opts.AppID,
		"team": map[string]any{"id": s.opts.TeamID, "domain": "fake"}, "user": s.userJSON(user),
		"container":  map[string]any{"type": "message", "message_ts": messageTS, "channel_id": channel, "is_ephemeral": false},
		"channel":    map[string]any{"id": channel, "name": channel},
		"message":    map[string]any{"type": "message", "ts": messageTS, "text": text, "blocks": blocks, "bot_id": "B0BOT"},
		"trigger_id": trig, "response_url": respURL, "state": map[string]any{"values": map[string]any{}},
		"actions": []any{map[string]any{"type": "button", "action_id": actionID, "block_id": blockID,
			"text": button.Text, "value": button.Value, "action_ts": s.nextTS()}},
	}
	s.mu.Unlock()
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encode payload: %w", err)
	}
	form := url.Values{"payload": {string(body)}}
	return &Click{s: s, endpoint: appURL + "/slack/interactions", form: form, body: []byte(form.Encode()),
		opts: opts, trig: trig, respURL: respURL}, nil
}

// Send signs the click (at the time of sending) and posts it to the app.
func (c *Click) Send(ctx context.Context) (*Reply, error) {
	rep, err := c.s.sendBody(ctx, c.endpoint, c.form, c.body, c.opts)
	if err != nil {
		return nil, err
	}
	rep.TriggerID, rep.ResponseURL = c.trig, c.respURL
	return rep, nil
}

// findButton finds the button actionID in actions blocks or accessories.
func findButton(raw json.RawMessage, actionID string) (blockID string, button Element, ok bool) {
	blocks, err := ReadBlocks(raw)
	if err != nil {
		return "", Element{}, false
	}
	for _, b := range blocks {
		for _, e := range b.Buttons() {
			if e.ActionID == actionID {
				return b.BlockID, e, true
			}
		}
	}
	return "", Element{}, false
}

// SlashCommand plays user typing "command text" in the first channel and
// sends the signed form to appURL + "/slack/commands".
func (s *Server) SlashCommand(ctx context.Context, appURL, user, command, text string, opts ...RequestOption) (*Reply, error) {
	s.mu.Lock()
	channel := ""
	if len(s.opts.Channels) > 0 {
		channel = s.opts.Channels[0]
	}
	trig := s.issueTrigger(user)
	respID := s.nextID("R")
	respURL := s.srv.URL + "/response/" + respID
	s.responses[respID] = responseTarget{channel: channel, user: user}
	form := url.Values{
		"token": {"verification-token-unused"}, "team_id": {s.opts.TeamID}, "team_domain": {"fake"},
		"channel_id": {channel}, "channel_name": {channel}, "user_id": {user}, "user_name": {s.users[user].Name},
		"command": {command}, "text": {text}, "api_app_id": {s.opts.AppID},
		"response_url": {respURL}, "trigger_id": {trig},
	}
	s.mu.Unlock()
	rep, err := s.send(ctx, appURL+"/slack/commands", form, opts)
	if err != nil {
		return nil, err
	}
	rep.TriggerID, rep.ResponseURL = trig, respURL
	return rep, nil
}
