package slackfake

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// Reading a channel back, as Slack's conversations.history and
// conversations.replies answer (docs.slack.dev/reference/methods/...):
//
//   - history lists the channel's top-level messages (thread replies are
//     not in it), newest first; replies lists a thread's parent and then
//     its replies, oldest first;
//   - limit defaults to 100 for history and 1000 for replies; history
//     allows at most 999 (more is invalid_limit here), replies 1000;
//   - oldest and latest bound the ts range, exclusive unless inclusive;
//   - a page that is not the last says has_more and gives
//     response_metadata.next_cursor, an opaque string that only this
//     channel's (or thread's) next page accepts (else invalid_cursor);
//   - a message's metadata is in the answer only with include_all_metadata.

// Page limits of the two methods.
const (
	historyDefault, historyMax = 100, 999
	repliesDefault, repliesMax = 1000, 1000
)

func (s *Server) conversationsHistory(r *request) (map[string]any, string) {
	channel := r.str("channel")
	limit, e := pageLimit(r, historyDefault, historyMax)
	if e != "" {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.channels[channel] {
		return nil, "channel_not_found"
	}
	var all []*Message
	msgs := s.messages[channel]
	for i := len(msgs) - 1; i >= 0; i-- { // newest first
		if msgs[i].ThreadTS == "" && inRange(r, msgs[i].TS) {
			all = append(all, msgs[i])
		}
	}
	return s.page(r, "history:"+channel, all, limit)
}

func (s *Server) conversationsReplies(r *request) (map[string]any, string) {
	channel, ts := r.str("channel"), r.str("ts")
	limit, e := pageLimit(r, repliesDefault, repliesMax)
	if e != "" {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.channels[channel] {
		return nil, "channel_not_found"
	}
	parent := s.find(channel, ts)
	if ts == "" || parent == nil {
		return nil, "thread_not_found"
	}
	if parent.ThreadTS != "" { // a reply's ts reads its thread
		ts, parent = parent.ThreadTS, s.find(channel, parent.ThreadTS)
	}
	var all []*Message
	if inRange(r, parent.TS) {
		all = append(all, parent)
	}
	for _, m := range s.messages[channel] { // oldest first
		if m.ThreadTS == ts && inRange(r, m.TS) {
			all = append(all, m)
		}
	}
	return s.page(r, "replies:"+channel+":"+ts, all, limit)
}

// pageLimit reads limit: the default when absent or 0, invalid_limit when
// it is not a number from 1 to max.
func pageLimit(r *request, def, maxLimit int) (int, string) {
	v := r.str("limit")
	if v == "" {
		return def, ""
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil || n < 0 || n > maxLimit:
		return 0, "invalid_limit"
	case n == 0:
		return def, ""
	}
	return n, ""
}

// inRange reports whether ts is inside the call's oldest and latest.
func inRange(r *request, ts string) bool {
	t, _ := strconv.ParseFloat(ts, 64)
	incl := r.str("inclusive") == "1" || r.str("inclusive") == "true"
	if v := r.str("oldest"); v != "" {
		o, _ := strconv.ParseFloat(v, 64)
		if t < o || (!incl && t == o) {
			return false
		}
	}
	if v := r.str("latest"); v != "" {
		l, _ := strconv.ParseFloat(v, 64)
		if t > l || (!incl && t == l) {
			return false
		}
	}
	return true
}

// page answers one page of all (in the order listed) from the cursor on.
// A cursor names its listing (scope) and the ts of the first message of
// the next page. Call with mu held.
func (s *Server) page(r *request, scope string, all []*Message, limit int) (map[string]any, string) {
	start := 0
	if c := r.str("cursor"); c != "" {
		raw, err := base64.StdEncoding.DecodeString(c)
		rest, ok := strings.CutPrefix(string(raw), scope+"@")
		if err != nil || !ok {
			return nil, "invalid_cursor"
		}
		start = -1
		for i, m := range all {
			if m.TS == rest {
				start = i
				break
			}
		}
		if start < 0 {
			return nil, "invalid_cursor"
		}
	}
	end := min(start+limit, len(all))
	meta := r.str("include_all_metadata") == "1" || r.str("include_all_metadata") == "true"
	out := make([]map[string]any, 0, end-start)
	for _, m := range all[start:end] {
		out = append(out, s.wire(m, meta))
	}
	res := map[string]any{"messages": out, "has_more": end < len(all)}
	next := ""
	if end < len(all) {
		next = base64.StdEncoding.EncodeToString([]byte(scope + "@" + all[end].TS))
	}
	res["response_metadata"] = map[string]any{"next_cursor": next}
	return res, ""
}

// wire is m as Slack's reading methods show it. Call with mu held.
func (s *Server) wire(m *Message, withMeta bool) map[string]any {
	w := map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "bot_id": "B0BOT"}
	if m.ThreadTS != "" {
		w["thread_ts"] = m.ThreadTS
	} else if n := s.replyCount(m); n > 0 {
		w["thread_ts"], w["reply_count"] = m.TS, n
	}
	if len(m.Blocks) > 0 {
		w["blocks"] = m.Blocks
	}
	if withMeta && len(m.Metadata) > 0 {
		var md any
		if json.Unmarshal(m.Metadata, &md) == nil {
			w["metadata"] = md
		}
	}
	if len(m.Files) > 0 {
		var fs []map[string]any
		for _, f := range m.Files {
			fs = append(fs, map[string]any{"id": f.ID, "name": f.Name, "title": f.Title, "size": f.Size})
		}
		w["files"] = fs
	}
	return w
}

// replyCount is how many replies the thread of m has. Call with mu held.
func (s *Server) replyCount(m *Message) int {
	n := 0
	for _, r := range s.messages[m.Channel] {
		if r.ThreadTS == m.TS {
			n++
		}
	}
	return n
}
