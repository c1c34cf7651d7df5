package playground

import (
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/bot/slack/slackfake"
	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// stateView is everything the page shows for one provider and one agent,
// read from the fakes' transcripts; the page polls it.
type stateView struct {
	Chat     []chatMessage `json:"chat"`
	Keyboard [][]keyView   `json:"keyboard"` // the reply keyboard shown, if any
	Channel  []slackPost   `json:"channel"`
	Notices  []string      `json:"notices"` // ephemeral messages to the agent, safe HTML
	Modal    *modalView    `json:"modal"`
	Balances []balanceView `json:"balances"`
}

// chatMessage is one message of the provider's Telegram chat.
type chatMessage struct {
	ID      int        `json:"id"`
	FromBot bool       `json:"from_bot"`
	Kind    string     `json:"kind"`
	HTML    string     `json:"html"` // safe HTML
	Photo   string     `json:"photo,omitempty"`
	Buttons [][]string `json:"buttons,omitempty"` // inline keyboard labels
	Edited  bool       `json:"edited"`
}

type keyView struct {
	Text    string `json:"text"`
	Contact bool   `json:"contact"`
}

// slackPost is a top-level channel message with its thread.
type slackPost struct {
	TS     string      `json:"ts"`
	Edited bool        `json:"edited"`
	Blocks []blockView `json:"blocks"`
	Thread []slackPost `json:"thread,omitempty"`
	Files  []fileView  `json:"files,omitempty"`
}

type fileView struct {
	Name  string `json:"name"`
	URL   string `json:"url"`
	Image bool   `json:"image"`
}

type balanceView struct {
	ProviderID string `json:"provider_id"`
	Name       string `json:"name"`
	Balance    int64  `json:"balance"`
}

func (p *playground) serveState(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	user, _ := strconv.ParseInt(q.Get("user"), 10, 64)
	if _, err := p.persona(user); err != nil {
		writeAPI(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	agent := q.Get("agent")
	if err := p.agent(agent); err != nil {
		writeAPI(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	st := stateView{Chat: []chatMessage{}, Channel: []slackPost{}, Notices: []string{}}
	st.Chat, st.Keyboard = p.chat(user)
	st.Channel = p.channel()
	rd := p.renderer()
	for _, e := range p.w.Slack.Ephemerals(agent) {
		st.Notices = append(st.Notices, p.postHTML(rd, e.Text, rd.blocks(e.Blocks)))
	}
	st.Modal = p.openModal(agent)
	for _, ps := range p.personas {
		wl, err := p.w.App.Store.Wallet(r.Context(), ps.ProviderID)
		if err != nil {
			writeAPI(w, http.StatusInternalServerError, map[string]string{"error": "read wallet " + ps.ProviderID})
			return
		}
		st.Balances = append(st.Balances, balanceView{ProviderID: ps.ProviderID, Name: ps.Name, Balance: wl.Balance})
	}
	writeAPI(w, http.StatusOK, st)
}

// chat renders user's transcript and the reply keyboard the bot left.
func (p *playground) chat(user int64) ([]chatMessage, [][]keyView) {
	p.mu.Lock()
	photos := append([]string(nil), p.photos[user]...)
	p.mu.Unlock()
	out := []chatMessage{}
	var keyboard [][]keyView
	nPhoto := 0
	for _, m := range p.w.TG.Messages(user) {
		if m.Deleted {
			continue
		}
		cm := chatMessage{ID: m.ID, FromBot: m.FromBot, Kind: m.Kind, Edited: m.Edits > 0}
		switch {
		case m.FromBot && strings.EqualFold(m.ParseMode, "html"):
			cm.HTML = telegramHTML(m.Text)
		case m.Kind == "contact":
			cm.HTML = "📱 " + html.EscapeString("+"+m.Text)
		case m.Kind == "photo":
			cm.HTML = "🖼 Photo"
			if nPhoto < len(photos) {
				cm.Photo = "/samples/" + photos[nPhoto]
			}
			nPhoto++
		default:
			cm.HTML = html.EscapeString(m.Plain)
		}
		for _, row := range m.InlineKeyboard {
			var labels []string
			for _, b := range row {
				labels = append(labels, b.Text)
			}
			cm.Buttons = append(cm.Buttons, labels)
		}
		if m.FromBot {
			keyboard = nextKeyboard(keyboard, m)
		}
		out = append(out, cm)
	}
	return out, keyboard
}

// nextKeyboard is the reply keyboard after bot message m: a new keyboard
// replaces the old one and remove_keyboard hides it.
func nextKeyboard(cur [][]keyView, m tgfake.Message) [][]keyView {
	switch {
	case m.RemoveKeyboard:
		return nil
	case len(m.ReplyKeyboard) == 0:
		return cur
	}
	var kb [][]keyView
	for _, row := range m.ReplyKeyboard {
		var r []keyView
		for _, k := range row {
			r = append(r, keyView{Text: k.Text, Contact: k.RequestContact})
		}
		kb = append(kb, r)
	}
	return kb
}

func (p *playground) renderer() blockRenderer {
	names := map[string]string{}
	for _, a := range p.agents {
		names[a.ID] = a.Name
	}
	return blockRenderer{userName: func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}}
}

// postHTML is a message without blocks as one safe HTML section; with
// blocks, the blocks win, as in Slack.
func (p *playground) postHTML(rd blockRenderer, text string, blocks []blockView) string {
	if len(blocks) == 0 {
		return mrkdwnHTML(text, rd.userName)
	}
	var s string
	for _, b := range blocks {
		if b.HTML != "" {
			if s != "" {
				s += "<br>"
			}
			s += b.HTML
		}
	}
	return s
}

// channel renders the cases channel: top-level posts with their threads.
func (p *playground) channel() []slackPost {
	rd := p.renderer()
	msgs := p.w.Slack.Messages(world.FakeChannel)
	out := []slackPost{}
	index := map[string]int{}
	for _, m := range msgs {
		post := p.post1(rd, m)
		if m.ThreadTS == "" {
			index[m.TS] = len(out)
			out = append(out, post)
		} else if i, ok := index[m.ThreadTS]; ok {
			out[i].Thread = append(out[i].Thread, post)
		}
	}
	return out
}

func (p *playground) post1(rd blockRenderer, m slackfake.Message) slackPost {
	post := slackPost{TS: m.TS, Edited: m.Edited > 0, Blocks: rd.blocks(m.Blocks)}
	if len(post.Blocks) == 0 {
		post.Blocks = []blockView{{Type: "section", HTML: mrkdwnHTML(m.Text, rd.userName)}}
	}
	for _, f := range m.Files {
		ct := http.DetectContentType(f.Content)
		post.Files = append(post.Files, fileView{Name: f.Name,
			URL:   "/api/slack/file?ts=" + m.TS + "&id=" + f.ID,
			Image: isImage(ct)})
	}
	return post
}

func isImage(contentType string) bool {
	switch contentType {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return true
	}
	return false
}
