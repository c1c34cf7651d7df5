package tgfake

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/go-telegram/bot/models"
)

type file struct {
	id, unique, path string
	data             []byte
}

// addFile stores data as a downloadable file. The caller holds s.mu.
func (s *Server) addFile(dir string, data []byte) *file {
	s.nextFile++
	f := &file{
		id:     fmt.Sprintf("file-%d", s.nextFile),
		unique: fmt.Sprintf("u%d", s.nextFile),
		path:   fmt.Sprintf("%s/file_%d", dir, s.nextFile),
		data:   data,
	}
	s.files[f.id] = f
	return f
}

// getFile answers file metadata; like Telegram, files over 20 MB cannot
// be fetched by bots.
func (s *Server) getFile(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[p["file_id"]]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	if len(f.data) > 20<<20 {
		return nil, badRequest("file is too big")
	}
	return models.File{FileID: f.id, FileUniqueID: f.unique, FileSize: int64(len(f.data)), FilePath: f.path}, nil
}

func (s *Server) serveFile(w http.ResponseWriter, path string) {
	s.mu.Lock()
	s.calls["download"]++
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == path {
			data, found = f.data, true
		}
	}
	s.mu.Unlock()
	if !found {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}

// Downloads counts GET /file/bot<token>/<path> requests.
func (s *Server) Downloads() int { return s.Calls("download") }

// Messages returns the transcript of a chat, users' and bot's messages
// in order.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.msgs))
	for i, m := range c.msgs {
		out[i] = *m
	}
	return out
}

// BotMessages returns only the bot's messages of a chat.
func (s *Server) BotMessages(chatID int64) []Message {
	var out []Message
	for _, m := range s.Messages(chatID) {
		if m.FromBot {
			out = append(out, m)
		}
	}
	return out
}

// LastMessage returns the bot's last message in a chat.
// It copies that one message only: load runs call it on every wake.
func (s *Server) LastMessage(chatID int64) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		for i := len(c.msgs) - 1; i >= 0; i-- {
			if c.msgs[i].FromBot {
				return *c.msgs[i], true
			}
		}
	}
	return Message{}, false
}

// CallbackAnswers returns every answerCallbackQuery call, refused ones too.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CallbackAnswer(nil), s.answers...)
}

// Commands returns the command list set for a language ("" is the default).
func (s *Server) Commands(lang string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand(nil), s.commands[lang]...)
}

// String renders a transcript line, handy in test failures.
func (m Message) String() string {
	who := "user"
	if m.FromBot {
		who = "bot"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s %s: %q", m.ID, who, m.Kind, m.Plain)
	for _, row := range m.InlineKeyboard {
		for _, btn := range row {
			fmt.Fprintf(&b, " [%s|%s]", btn.Text, btn.Data)
		}
	}
	return b.String()
}

// ReplaceFile makes the file fileID serve data from now on (a test of a
// fetch whose bytes are not the ones first downloaded). It reports
// whether the file exists.
func (s *Server) ReplaceFile(fileID string, data []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f != nil {
		f.data = data
	}
	return f != nil
}
