package tgfake

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// A user's private chat with the bot has the user's ID as its chat ID.

// SetUserLanguage sets the language_code the user's client reports.
func (s *Server) SetUserLanguage(userID int64, lang string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[userID] = userInfo{lang: lang}
}

// BlockBot makes userID block the bot: sends to the chat answer 403.
func (s *Server) BlockBot(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatOf(userID).blocked = true
}

// chatOf returns the private chat of userID, opening it. The caller holds s.mu.
func (s *Server) chatOf(userID int64) *chat {
	c := s.chats[userID]
	if c == nil {
		c = &chat{id: userID}
		s.chats[userID] = c
	}
	return c
}

func (s *Server) userOf(userID int64) models.User {
	lang := "en"
	if u, ok := s.users[userID]; ok && u.lang != "" {
		lang = u.lang
	}
	return models.User{ID: userID, FirstName: fmt.Sprintf("User%d", userID), LanguageCode: lang}
}

// userMessage records a user's message in the transcript and queues its
// update; fill sets the message's content. It returns the update_id.
func (s *Server) userMessage(userID int64, kind, text string, fill func(m *models.Message)) int64 {
	s.mu.Lock()
	c := s.chatOf(userID)
	c.nextID++
	from := s.userOf(userID)
	msg := &models.Message{
		ID:   c.nextID,
		From: &from,
		Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: userID, Type: models.ChatTypePrivate, FirstName: from.FirstName},
	}
	fill(msg)
	c.msgs = append(c.msgs, &Message{ID: msg.ID, ChatID: userID, Kind: kind, Text: text, Plain: text})
	s.mu.Unlock()
	return s.push(&models.Update{Message: msg})
}

// UserSends sends text from userID. Every "/command" word gets a
// bot_command entity with offsets in UTF-16 code units, as Telegram does.
func (s *Server) UserSends(userID int64, text string) int64 {
	return s.userMessage(userID, "text", text, func(m *models.Message) {
		m.Text = text
		m.Entities = commandEntities(text)
	})
}

func commandEntities(text string) []models.MessageEntity {
	var out []models.MessageEntity
	for i := 0; i < len(text); {
		start := i
		for i < len(text) && text[i] != ' ' && text[i] != '\n' {
			i++
		}
		word := text[start:i]
		if len(word) > 1 && word[0] == '/' && (start == 0 || text[start-1] == ' ' || text[start-1] == '\n') {
			out = append(out, models.MessageEntity{
				Type:   models.MessageEntityTypeBotCommand,
				Offset: len(utf16.Encode([]rune(text[:start]))),
				Length: len(utf16.Encode([]rune(word))),
			})
		}
		for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
			i++
		}
	}
	return out
}

// UserSharesContact sends a contact. contactUserID is the contact's
// Telegram user (0 for an address-book contact without one); forwarded
// marks the message as forwarded from someone else.
func (s *Server) UserSharesContact(userID int64, phone string, contactUserID int64, forwarded bool) int64 {
	return s.userMessage(userID, "contact", phone, func(m *models.Message) {
		m.Contact = &models.Contact{PhoneNumber: phone, FirstName: "Contact", UserID: contactUserID}
		if forwarded {
			m.ForwardOrigin = &models.MessageOrigin{
				Type: models.MessageOriginTypeUser,
				MessageOriginUser: &models.MessageOriginUser{
					Type: models.MessageOriginTypeUser, Date: m.Date,
					SenderUser: models.User{ID: contactUserID + 1, FirstName: "Other"},
				},
			}
		}
	})
}

// UserSendsPhoto sends a photo in two sizes: a small thumbnail with other
// bytes and the full data. Photos of an album share mediaGroupID and
// arrive as separate updates.
func (s *Server) UserSendsPhoto(userID int64, data []byte, mediaGroupID string) int64 {
	s.mu.Lock()
	thumb := s.addFile("photos", append([]byte("thumb:"), data[:min(len(data), 8)]...))
	full := s.addFile("photos", data)
	s.mu.Unlock()
	return s.userMessage(userID, "photo", "", func(m *models.Message) {
		m.MediaGroupID = mediaGroupID
		m.Photo = []models.PhotoSize{
			{FileID: thumb.id, FileUniqueID: thumb.unique, Width: 90, Height: 68, FileSize: len(thumb.data)},
			{FileID: full.id, FileUniqueID: full.unique, Width: 1280, Height: 960, FileSize: len(full.data)},
		}
	})
}

// UserSendsDocument sends a file as a document.
func (s *Server) UserSendsDocument(userID int64, name, mime string, data []byte) int64 {
	s.mu.Lock()
	f := s.addFile("documents", data)
	s.mu.Unlock()
	return s.userMessage(userID, "document", name, func(m *models.Message) {
		m.Document = &models.Document{FileID: f.id, FileUniqueID: f.unique, FileName: name, MimeType: mime, FileSize: int64(len(data))}
	})
}

// UserSendsSticker sends a sticker.
func (s *Server) UserSendsSticker(userID int64) int64 {
	return s.userMessage(userID, "sticker", "", func(m *models.Message) {
		m.Sticker = &models.Sticker{FileID: "sticker-1", FileUniqueID: "st1", Type: "regular", Width: 512, Height: 512}
	})
}

// UserSendsVoice sends a voice note.
func (s *Server) UserSendsVoice(userID int64) int64 {
	return s.userMessage(userID, "voice", "", func(m *models.Message) {
		m.Voice = &models.Voice{FileID: "voice-1", FileUniqueID: "vo1", Duration: 3, MimeType: "audio/ogg", FileSize: 4000}
	})
}

// UserSendsVideo sends a video.
func (s *Server) UserSendsVideo(userID int64) int64 {
	return s.userMessage(userID, "video", "", func(m *models.Message) {
		m.Video = &models.Video{FileID: "video-1", FileUniqueID: "vi1", Width: 640, Height: 480, Duration: 5}
	})
}

// UserSendsLocation sends a location.
func (s *Server) UserSendsLocation(userID int64) int64 {
	return s.userMessage(userID, "location", "", func(m *models.Message) {
		m.Location = &models.Location{Latitude: 28.61, Longitude: 77.2}
	})
}

// UserTaps taps the inline button labelled buttonText on the last bot
// message of the user's chat that has an inline keyboard.
func (s *Server) UserTaps(userID int64, buttonText string) error {
	s.mu.Lock()
	c := s.chats[userID]
	var target *Message
	if c != nil {
		for i := len(c.msgs) - 1; i >= 0 && target == nil; i-- {
			if m := c.msgs[i]; m.FromBot && !m.Deleted && len(m.InlineKeyboard) > 0 {
				target = m
			}
		}
	}
	if target == nil {
		s.mu.Unlock()
		return fmt.Errorf("tgfake: chat %d has no message with an inline keyboard", userID)
	}
	var labels []string
	for _, row := range target.InlineKeyboard {
		for _, b := range row {
			if b.Text == buttonText {
				s.mu.Unlock()
				s.tap(userID, target.ID, b.Data)
				return nil
			}
			labels = append(labels, b.Text)
		}
	}
	s.mu.Unlock()
	return fmt.Errorf("tgfake: no button %q on message %d (buttons: %s)", buttonText, target.ID, strings.Join(labels, ", "))
}

// UserTapsData sends a callback query with data for message msgID, as an
// old or forged button would. A message that does not exist is sent as
// an inaccessible message.
func (s *Server) UserTapsData(userID int64, msgID int, data string) int64 {
	return s.tap(userID, msgID, data)
}

func (s *Server) tap(userID int64, msgID int, data string) int64 {
	s.mu.Lock()
	s.nextQID++
	id := fmt.Sprintf("cbq-%d", s.nextQID)
	s.queries[id] = &query{}
	cq := &models.CallbackQuery{ID: id, From: s.userOf(userID), ChatInstance: "ci", Data: data}
	cq.Message = models.MaybeInaccessibleMessage{
		Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
		InaccessibleMessage: &models.InaccessibleMessage{Chat: models.Chat{ID: userID, Type: models.ChatTypePrivate}, MessageID: msgID},
	}
	if c := s.chats[userID]; c != nil {
		for _, m := range c.msgs {
			if m.ID == msgID && !m.Deleted {
				cq.Message = models.MaybeInaccessibleMessage{Message: s.wireMessage(m)}
			}
		}
	}
	s.mu.Unlock()
	return s.push(&models.Update{CallbackQuery: cq})
}
