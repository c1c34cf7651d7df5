package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// File is an uploaded file shared into a channel.
type File struct {
	ID      string
	Name    string
	Title   string
	Size    int
	Content []byte
}

type upload struct {
	name     string
	length   int
	content  []byte
	uploaded bool
	shared   bool
}

// maxUpload bounds one fake upload.
const maxUpload = 64 << 20

func (s *Server) getUploadURL(r *request) (map[string]any, string) {
	name := r.str("filename")
	length, err := strconv.Atoi(r.str("length"))
	if name == "" || err != nil || length <= 0 || length > maxUpload {
		return nil, "invalid_arguments"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID("F")
	s.uploads[id] = &upload{name: name, length: length}
	// The URL is on the fake's own host: slack-go sends the token only to
	// slack.com or to the configured API host (ensureURLMayReceiveToken).
	return map[string]any{"upload_url": s.srv.URL + "/upload/" + id, "file_id": id}, ""
}

// serveUpload receives the bytes of a file, as a multipart "file" part or a
// raw body, and checks the length announced in getUploadURLExternal.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	s.calls["upload"]++
	up := s.uploads[id]
	s.mu.Unlock()
	if r.Method != http.MethodPost || up == nil {
		http.Error(w, "unknown upload", http.StatusNotFound)
		return
	}
	var body io.Reader = r.Body
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		body = f
	}
	data, err := io.ReadAll(io.LimitReader(body, maxUpload+1))
	if err != nil {
		http.Error(w, "read failed", http.StatusBadRequest)
		return
	}
	if len(data) != up.length {
		http.Error(w, fmt.Sprintf("length %d, announced %d", len(data), up.length), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	up.content, up.uploaded = data, true
	s.mu.Unlock()
	fmt.Fprintf(w, "OK - %d", len(data))
}

func (s *Server) completeUpload(r *request) (map[string]any, string) {
	raw, err := r.raw("files")
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err != nil || raw == nil || json.Unmarshal(raw, &files) != nil || len(files) == 0 {
		return nil, "invalid_arguments"
	}
	channel, thread := r.str("channel_id"), r.str("thread_ts")
	// The initial comment becomes the text of the message sharing the
	// files, held to a message's limit.
	if utf8.RuneCountInString(r.str("initial_comment")) > maxMessageText {
		return nil, "msg_too_long"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if channel != "" && !s.channels[channel] {
		return nil, "channel_not_found"
	}
	if thread != "" && (channel == "" || s.find(channel, thread) == nil) {
		return nil, "thread_not_found"
	}
	var shared []File
	var summary []map[string]any
	for _, f := range files {
		up := s.uploads[f.ID]
		if up == nil || !up.uploaded || up.shared {
			return nil, "file_not_found"
		}
		title := f.Title
		if title == "" {
			title = up.name
		}
		shared = append(shared, File{ID: f.ID, Name: up.name, Title: title, Size: up.length, Content: up.content})
		summary = append(summary, map[string]any{"id": f.ID, "title": title})
	}
	for _, f := range files {
		s.uploads[f.ID].shared = true
	}
	if channel != "" {
		m := &Message{Channel: channel, TS: s.nextTS(), ThreadTS: thread, Text: r.str("initial_comment"), Files: shared}
		s.messages[channel] = append(s.messages[channel], m)
	}
	return map[string]any{"files": summary}, ""
}
