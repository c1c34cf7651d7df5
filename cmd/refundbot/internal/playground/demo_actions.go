package playground

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// actionRequest is the body of every action the page posts; each action
// reads the fields it needs.
type actionRequest struct {
	User    int64  `json:"user,omitempty"`    // Telegram user
	Text    string `json:"text,omitempty"`    // a message to send
	Sample  string `json:"sample,omitempty"`  // a bundled screenshot
	Message int    `json:"message,omitempty"` // the bot message whose button was tapped
	Row     int    `json:"row,omitempty"`
	Col     int    `json:"col,omitempty"`

	Agent  string                                 `json:"agent,omitempty"` // Slack user
	TS     string                                 `json:"ts,omitempty"`
	Action string                                 `json:"action,omitempty"`
	View   string                                 `json:"view,omitempty"`
	Values map[string]map[string]slackInputValues `json:"values,omitempty"`
}

// slackInputValues is what the agent entered in one modal input.
type slackInputValues struct {
	Value    string   `json:"value,omitempty"`
	Selected []string `json:"selected,omitempty"`
}

// telegramSend sends the provider's text message as a Bot API update.
func (p *playground) telegramSend(_ *http.Request, in actionRequest) (any, error) {
	if _, err := p.persona(in.User); err != nil {
		return nil, err
	}
	text := strings.TrimSpace(in.Text)
	if text == "" || utf8.RuneCountInString(text) > 4096 || !utf8.ValidString(text) {
		return nil, badInput("a message is 1 to 4096 characters")
	}
	p.w.TG.UserSends(in.User, text)
	return nil, nil
}

// telegramContact shares the provider's own phone number, as the reply
// keyboard's contact button does.
func (p *playground) telegramContact(_ *http.Request, in actionRequest) (any, error) {
	ps, err := p.persona(in.User)
	if err != nil {
		return nil, err
	}
	p.w.TG.UserSharesContact(in.User, ps.contactPhone(), in.User, false)
	return nil, nil
}

// telegramPhoto sends a bundled screenshot as a photo.
func (p *playground) telegramPhoto(_ *http.Request, in actionRequest) (any, error) {
	if _, err := p.persona(in.User); err != nil {
		return nil, err
	}
	known := false
	for _, s := range p.shots {
		known = known || s.Name == in.Sample
	}
	if !known {
		return nil, badInput("no sample screenshot %q", in.Sample)
	}
	data, err := fs.ReadFile(p.assets, "samples/"+in.Sample)
	if err != nil {
		return nil, fmt.Errorf("read sample %s: %w", in.Sample, err)
	}
	// Held across the send so the transcript's photos keep the order of
	// p.photos, which tells the page which picture each one was.
	p.mu.Lock()
	defer p.mu.Unlock()
	p.photos[in.User] = append(p.photos[in.User], in.Sample)
	p.w.TG.UserSendsPhoto(in.User, data, "")
	return nil, nil
}

// telegramTap taps an inline button of a bot message: a callback query
// with the button's data, for that message.
func (p *playground) telegramTap(_ *http.Request, in actionRequest) (any, error) {
	if _, err := p.persona(in.User); err != nil {
		return nil, err
	}
	for _, m := range p.w.TG.Messages(in.User) {
		if m.ID != in.Message || !m.FromBot || m.Deleted {
			continue
		}
		if in.Row < 0 || in.Row >= len(m.InlineKeyboard) || in.Col < 0 || in.Col >= len(m.InlineKeyboard[in.Row]) {
			return nil, badInput("message %d has no button at %d,%d", in.Message, in.Row, in.Col)
		}
		p.w.TG.UserTapsData(in.User, m.ID, m.InlineKeyboard[in.Row][in.Col].Data)
		return nil, nil
	}
	return nil, badInput("no bot message %d in the chat", in.Message)
}

// slackClick clicks a button of a channel message: a signed block_actions
// request to the app's /slack/interactions.
func (p *playground) slackClick(r *http.Request, in actionRequest) (any, error) {
	if err := p.agent(in.Agent); err != nil {
		return nil, err
	}
	rep, err := p.w.Slack.ClickButton(r.Context(), p.w.URL, in.Agent, world.FakeChannel, in.TS, in.Action)
	if err != nil {
		return nil, badInput("%v", err)
	}
	if rep.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the app answered the click with HTTP %d", rep.StatusCode)
	}
	return nil, nil
}

// submitReply is the outcome of a modal submission: errors by block ID
// when the app refused it.
type submitReply struct {
	OK     bool              `json:"ok"`
	Errors map[string]string `json:"errors,omitempty"`
}

// slackSubmit submits the agent's open modal: a signed view_submission.
// The app's response_action "errors" comes back for the page to show.
func (p *playground) slackSubmit(r *http.Request, in actionRequest) (any, error) {
	if err := p.agent(in.Agent); err != nil {
		return nil, err
	}
	values := map[string]map[string]slackfake.Input{}
	for block, actions := range in.Values {
		values[block] = map[string]slackfake.Input{}
		for action, v := range actions {
			values[block][action] = slackfake.Input{Value: v.Value, Selected: v.Selected}
		}
	}
	rep, err := p.w.Slack.SubmitView(r.Context(), p.w.URL, in.Agent, in.View, values)
	if err != nil {
		return nil, badInput("%v", err)
	}
	if rep.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the app answered the submission with HTTP %d", rep.StatusCode)
	}
	var resp struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	if len(rep.Body) > 0 {
		_ = json.Unmarshal(rep.Body, &resp)
	}
	if resp.ResponseAction == "errors" {
		return submitReply{Errors: resp.Errors}, nil
	}
	return submitReply{OK: true}, nil
}

// slackClose closes a modal on the page (Slack's Cancel); the app did not
// ask to hear about it.
func (p *playground) slackClose(_ *http.Request, in actionRequest) (any, error) {
	if err := p.agent(in.Agent); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dismissed[in.View] = true
	return nil, nil
}

// openModal is the agent's newest open modal not closed on the page.
func (p *playground) openModal(agent string) *modalView {
	p.mu.Lock()
	defer p.mu.Unlock()
	var best slackfake.View
	bestN := -1
	for _, v := range p.w.Slack.OpenViews() {
		n, _ := strconv.Atoi(strings.TrimLeft(v.ID, "V"))
		if v.User == agent && !p.dismissed[v.ID] && n > bestN {
			best, bestN = v, n
		}
	}
	if bestN < 0 {
		return nil
	}
	m := p.renderer().modal(best.ID, best.JSON)
	return &m
}

// serveSlackFile serves a file shared in the channel; only images are
// shown inline, anything else downloads.
func (p *playground) serveSlackFile(w http.ResponseWriter, r *http.Request) {
	ts, id := r.URL.Query().Get("ts"), r.URL.Query().Get("id")
	for _, m := range p.w.Slack.Messages(world.FakeChannel) {
		if m.TS != ts {
			continue
		}
		for _, f := range m.Files {
			if f.ID != id {
				continue
			}
			ct := http.DetectContentType(f.Content)
			if !isImage(ct) {
				ct = "application/octet-stream"
				w.Header().Set("Content-Disposition", "attachment")
			}
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write(f.Content)
			return
		}
	}
	http.NotFound(w, r)
}
