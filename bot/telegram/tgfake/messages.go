package tgfake

import (
	"encoding/json"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Message is one message of a chat transcript, sent by a user or the bot.
type Message struct {
	ID      int
	ChatID  int64
	FromBot bool
	// Kind is "text" for bot messages and text messages, else what the user
	// sent: "photo", "document", "contact", "sticker"...
	Kind string
	// Text is the text as sent (HTML for bot messages in HTML parse mode);
	// Plain is what the user sees after entity parsing.
	Text, Plain, ParseMode string
	InlineKeyboard         [][]Button
	ReplyKeyboard          [][]KeyButton
	RemoveKeyboard         bool
	LinkPreviewDisabled    bool
	// Edits counts successful edits of the text or the keyboard.
	Edits   int
	Deleted bool
}

// Button is an inline keyboard button.
type Button struct{ Text, Data string }

// KeyButton is a reply keyboard button.
type KeyButton struct {
	Text           string
	RequestContact bool
}

// CallbackAnswer is one answerCallbackQuery call; Err is the API error
// description when the call was refused.
type CallbackAnswer struct {
	QueryID   string
	Text      string
	ShowAlert bool
	Err       string
}

type chat struct {
	id      int64
	msgs    []*Message
	nextID  int
	blocked bool
}

type userInfo struct{ lang string }

type query struct {
	answered bool
}

// openChat finds the chat a bot call addresses. The caller holds s.mu.
func (s *Server) openChat(p params) (*chat, *apiError) {
	id, err := p.int64("chat_id")
	if err != nil {
		return nil, err
	}
	c := s.chats[id]
	if c == nil {
		return nil, badRequest("chat not found")
	}
	if c.blocked {
		return nil, &apiError{code: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	return c, nil
}

// flood applies flood control to a send in c. The caller holds s.mu.
func (s *Server) flood(c *chat) *apiError {
	if s.limiter != nil && !s.limiter.allow(c.id, time.Now()) {
		return tooMany(1)
	}
	return nil
}

func (s *Server) sendMessage(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.openChat(p)
	if aerr != nil {
		return nil, aerr
	}
	plain, aerr := plainText(p["text"], p["parse_mode"])
	if aerr != nil {
		return nil, aerr
	}
	mk, aerr := parseMarkup(p["reply_markup"])
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.flood(c); aerr != nil {
		return nil, aerr
	}
	c.nextID++
	m := &Message{
		ID: c.nextID, ChatID: c.id, FromBot: true, Kind: "text",
		Text: p["text"], Plain: plain, ParseMode: p["parse_mode"],
		InlineKeyboard: mk.inline, ReplyKeyboard: mk.reply, RemoveKeyboard: mk.remove,
		LinkPreviewDisabled: previewDisabled(p["link_preview_options"]),
	}
	c.msgs = append(c.msgs, m)
	return s.wireMessage(m), nil
}

// botMessage finds a live bot message. The caller holds s.mu.
func botMessage(c *chat, p params, missing string) (*Message, *apiError) {
	id := p.optInt("message_id", 0)
	for _, m := range c.msgs {
		if m.ID == id && m.FromBot && !m.Deleted {
			return m, nil
		}
	}
	return nil, badRequest("%s", missing)
}

func (s *Server) editMessageText(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.openChat(p)
	if aerr != nil {
		return nil, aerr
	}
	m, aerr := botMessage(c, p, "message to edit not found")
	if aerr != nil {
		return nil, aerr
	}
	plain, aerr := plainText(p["text"], p["parse_mode"])
	if aerr != nil {
		return nil, aerr
	}
	mk, aerr := parseMarkup(p["reply_markup"])
	if aerr != nil {
		return nil, aerr
	}
	if mk.reply != nil || mk.remove {
		return nil, badRequest("inline keyboard expected")
	}
	// Telegram removes the inline keyboard when reply_markup is omitted.
	if m.Text == p["text"] && m.ParseMode == p["parse_mode"] && reflect.DeepEqual(m.InlineKeyboard, mk.inline) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	if aerr := s.flood(c); aerr != nil {
		return nil, aerr
	}
	m.Text, m.Plain, m.ParseMode, m.InlineKeyboard = p["text"], plain, p["parse_mode"], mk.inline
	m.LinkPreviewDisabled = previewDisabled(p["link_preview_options"])
	m.Edits++
	return s.wireMessage(m), nil
}

func (s *Server) editMessageReplyMarkup(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.openChat(p)
	if aerr != nil {
		return nil, aerr
	}
	m, aerr := botMessage(c, p, "message to edit not found")
	if aerr != nil {
		return nil, aerr
	}
	mk, aerr := parseMarkup(p["reply_markup"])
	if aerr != nil {
		return nil, aerr
	}
	if reflect.DeepEqual(m.InlineKeyboard, mk.inline) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	if aerr := s.flood(c); aerr != nil {
		return nil, aerr
	}
	m.InlineKeyboard = mk.inline
	m.Edits++
	return s.wireMessage(m), nil
}

func (s *Server) deleteMessage(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.openChat(p)
	if aerr != nil {
		return nil, aerr
	}
	m, aerr := botMessage(c, p, "message to delete not found")
	if aerr != nil {
		return nil, aerr
	}
	m.Deleted = true
	return true, nil
}

func (s *Server) answerCallbackQuery(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := CallbackAnswer{QueryID: p["callback_query_id"], Text: p["text"], ShowAlert: p.bool("show_alert")}
	q := s.queries[a.QueryID]
	var aerr *apiError
	switch {
	case q == nil || q.answered:
		aerr = badRequest("query is too old and response timeout expired or query ID is invalid")
	case utf8.RuneCountInString(a.Text) > 200:
		aerr = badRequest("MESSAGE_TOO_LONG")
	default:
		q.answered = true
	}
	if aerr != nil {
		a.Err = aerr.desc
		s.answers = append(s.answers, a)
		return nil, aerr
	}
	s.answers = append(s.answers, a)
	return true, nil
}

func validCommand(c models.BotCommand) *apiError {
	if n := len(c.Command); n < 1 || n > 32 {
		return badRequest("BOT_COMMAND_INVALID")
	}
	for _, r := range c.Command {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return badRequest("BOT_COMMAND_INVALID")
		}
	}
	if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
		return badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
	}
	return nil
}

func (s *Server) setMyCommands(p params) (any, *apiError) {
	var cmds []models.BotCommand
	if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if aerr := validCommand(c); aerr != nil {
			return nil, aerr
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[p["language_code"]] = cmds
	return true, nil
}

// wireMessage is m as the API returns it. The caller holds s.mu.
func (s *Server) wireMessage(m *Message) *models.Message {
	out := &models.Message{
		ID:   m.ID,
		From: &models.User{ID: botID(s.Token), IsBot: true, FirstName: s.opts.BotUsername, Username: s.opts.BotUsername},
		Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate},
		Text: m.Plain,
	}
	if m.Edits > 0 {
		out.EditDate = out.Date
	}
	if len(m.InlineKeyboard) > 0 {
		kb := &models.InlineKeyboardMarkup{}
		for _, row := range m.InlineKeyboard {
			var r []models.InlineKeyboardButton
			for _, b := range row {
				r = append(r, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data})
			}
			kb.InlineKeyboard = append(kb.InlineKeyboard, r)
		}
		out.ReplyMarkup = kb
	}
	return out
}
