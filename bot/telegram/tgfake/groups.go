package tgfake

import (
	"time"

	"github.com/go-telegram/bot/models"
)

// UserSendsInGroup sends text from userID in a group chat: groupID is the
// chat's ID (negative, as Telegram's group IDs are) and kind its type
// (models.ChatTypeGroup, ChatTypeSupergroup). The bot may answer in the
// group; its private chat with userID is not touched.
func (s *Server) UserSendsInGroup(groupID, userID int64, kind models.ChatType, text string) int64 {
	return s.groupMessage(groupID, userID, kind, "text", text, func(m *models.Message) {
		m.Text = text
		m.Entities = commandEntities(text)
	})
}

// UserSendsPhotoInGroup sends a photo from userID in a group chat.
func (s *Server) UserSendsPhotoInGroup(groupID, userID int64, kind models.ChatType, data []byte) int64 {
	s.mu.Lock()
	full := s.addFile("photos", data)
	s.mu.Unlock()
	return s.groupMessage(groupID, userID, kind, "photo", "", func(m *models.Message) {
		m.Photo = []models.PhotoSize{{FileID: full.id, FileUniqueID: full.unique, Width: 1280, Height: 960, FileSize: len(full.data)}}
	})
}

// UserSharesContactInGroup shares userID's own phone number in a group chat.
func (s *Server) UserSharesContactInGroup(groupID, userID int64, kind models.ChatType, phone string) int64 {
	return s.groupMessage(groupID, userID, kind, "contact", phone, func(m *models.Message) {
		m.Contact = &models.Contact{PhoneNumber: phone, FirstName: "Contact", UserID: userID}
	})
}

func (s *Server) groupMessage(groupID, userID int64, kind models.ChatType, what, text string, fill func(m *models.Message)) int64 {
	s.mu.Lock()
	c := s.chatOf(groupID)
	c.nextID++
	from := s.userOf(userID)
	msg := &models.Message{
		ID:   c.nextID,
		From: &from,
		Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: groupID, Type: kind, Title: "Group"},
	}
	fill(msg)
	c.msgs = append(c.msgs, &Message{ID: msg.ID, ChatID: groupID, Kind: what, Text: text, Plain: text})
	s.mu.Unlock()
	return s.push(&models.Update{Message: msg})
}
