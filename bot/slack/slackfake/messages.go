package slackfake

import (
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// Message is one message of the transcript, as the fake stored it.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // "" for a top-level message
	Text     string
	Blocks   json.RawMessage // as posted (or as last updated)
	Metadata json.RawMessage
	// UnfurlLinks and UnfurlMedia are the values sent, nil when not sent.
	UnfurlLinks, UnfurlMedia *bool
	Edited                   int // how many chat.update calls changed it
	Files                    []File
}

// Ephemeral is a message only one user saw, from chat.postEphemeral or a
// response_url post.
type Ephemeral struct {
	Channel string
	User    string
	Text    string
	Blocks  json.RawMessage
	Via     string // "chat.postEphemeral" or "response_url"
}

// Messages returns a copy of the channel's messages, thread replies
// included, in posting order.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[channel]))
	for _, m := range s.messages[channel] {
		out = append(out, m.clone())
	}
	return out
}

// Thread returns the replies in the thread of ts, in posting order.
func (s *Server) Thread(channel, ts string) []Message {
	var out []Message
	for _, m := range s.Messages(channel) {
		if m.ThreadTS == ts {
			out = append(out, m)
		}
	}
	return out
}

// Ephemerals returns what user was shown ephemerally, oldest first.
func (s *Server) Ephemerals(user string) []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Ephemeral
	for _, e := range s.ephemerals {
		if e.User == user {
			out = append(out, e)
		}
	}
	return out
}

func (m *Message) clone() Message {
	c := *m
	c.Files = slices.Clone(m.Files)
	return c
}

// find returns the message ts of channel, or nil. Call with mu held.
func (s *Server) find(channel, ts string) *Message {
	for _, m := range s.messages[channel] {
		if m.TS == ts {
			return m
		}
	}
	return nil
}

// content reads and validates text and blocks as Slack does.
func content(r *request) (text string, blocks json.RawMessage, errName string, res map[string]any) {
	text = r.str("text")
	if utf8.RuneCountInString(text) > maxMessageText {
		return "", nil, "msg_too_long", nil
	}
	blocks, err := r.raw("blocks")
	if err != nil {
		return "", nil, "invalid_blocks_format", nil
	}
	if blocks != nil {
		if err := validateBlocks(blocks, maxMessageBlocks); err != nil {
			return "", nil, "invalid_blocks", map[string]any{"errors": []string{err.Error()},
				"response_metadata": map[string]any{"messages": []string{"[ERROR] " + err.Error()}}}
		}
	}
	if text == "" && blocks == nil {
		return "", nil, "no_text", nil
	}
	return text, blocks, "", nil
}

func boolArg(r *request, key string) *bool {
	if !r.has(key) {
		return nil
	}
	v := r.str(key) == "true"
	return &v
}

func (s *Server) postMessage(r *request) (map[string]any, string) {
	channel := r.str("channel")
	text, blocks, e, res := content(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.channels[channel] {
		return nil, "channel_not_found"
	}
	if e != "" {
		return res, e
	}
	meta, err := r.raw("metadata")
	if err != nil {
		return nil, "invalid_metadata_format"
	}
	thread := r.str("thread_ts")
	if thread != "" {
		parent := s.find(channel, thread)
		if parent == nil || parent.ThreadTS != "" {
			return nil, "thread_not_found"
		}
	}
	m := &Message{Channel: channel, TS: s.nextTS(), ThreadTS: thread, Text: text, Blocks: blocks,
		Metadata: meta, UnfurlLinks: boolArg(r, "unfurl_links"), UnfurlMedia: boolArg(r, "unfurl_media")}
	s.messages[channel] = append(s.messages[channel], m)
	return map[string]any{"channel": channel, "ts": m.TS,
		"message": map[string]any{"type": "message", "text": text, "ts": m.TS, "thread_ts": thread, "blocks": blocks, "bot_id": "B0BOT"}}, ""
}

func (s *Server) updateMessage(r *request) (map[string]any, string) {
	channel, ts := r.str("channel"), r.str("ts")
	text, blocks, e, res := content(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.channels[channel] {
		return nil, "channel_not_found"
	}
	m := s.find(channel, ts)
	if m == nil {
		return nil, "message_not_found"
	}
	if e != "" {
		return res, e
	}
	m.Text, m.Blocks = text, blocks
	m.Edited++
	return map[string]any{"channel": channel, "ts": ts, "text": text,
		"message": map[string]any{"type": "message", "text": text, "blocks": blocks}}, ""
}

func (s *Server) postEphemeral(r *request) (map[string]any, string) {
	channel, user := r.str("channel"), r.str("user")
	text, blocks, e, res := content(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.channels[channel] {
		return nil, "channel_not_found"
	}
	if _, ok := s.users[user]; !ok {
		return nil, "user_not_in_channel"
	}
	if e != "" {
		return res, e
	}
	s.ephemerals = append(s.ephemerals, Ephemeral{Channel: channel, User: user, Text: text, Blocks: blocks, Via: "chat.postEphemeral"})
	return map[string]any{"message_ts": s.nextTS()}, ""
}
