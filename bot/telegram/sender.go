package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/conversations"
)

// Sender delivers outbox messages of Kind OutTelegramReply. It neither
// retries nor paces: the outbox worker does, using Classify and Pacer.
//
// It keeps one keyboard live per chat: when a new message with buttons
// goes out, the buttons of the chat's previous keyboard message are
// removed, so the chat does not offer steps that have passed. That is
// remembered in memory only; after a restart an old keyboard may stay,
// and tapping it answers "this step has passed" as before.
type Sender struct {
	bot *bot.Bot

	mu        sync.Mutex
	keyboards map[int64]int // chat → the message whose buttons are live

	// clock and onContact tell readiness that Telegram accepted a message
	// (the adapter's OnContact); nil for a sender built by NewSender.
	clock     conversations.Clock
	onContact func(at time.Time)
}

// NewSender builds a sender from the same options as the adapter (only
// Token, APIURL, HTTPClient and PollTimeout matter).
func NewSender(opts Options) (*Sender, error) {
	if err := opts.withDefaults(); err != nil {
		return nil, err
	}
	b, err := newBot(opts)
	if err != nil {
		return nil, err
	}
	return &Sender{bot: b, keyboards: map[int64]int{}}, nil
}

// Send sends m.Reply to the chat m.Recipient in HTML parse mode with link
// previews off, or edits message Reply.EditMessageID in place. It returns
// the message ID as ref. An edit that changes nothing counts as done; an
// edit of a message that can no longer be edited is sent as a new message.
// Errors wrap the API error; see Classify. Sender is the outbox delivery
// worker's sender of Telegram messages (bot.Sender).
func (s *Sender) Send(ctx context.Context, m conversations.OutboxMessage) (ref string, err error) {
	ref, err = s.send(ctx, m)
	if err == nil && s.onContact != nil && s.clock != nil {
		s.onContact(s.clock.Now())
	}
	return ref, err
}

// Classify is the package's Classify, for the delivery worker.
func (*Sender) Classify(err error) (retryAfter time.Duration, permanent bool) { return Classify(err) }

func (s *Sender) send(ctx context.Context, m conversations.OutboxMessage) (ref string, err error) {
	if m.Kind != conversations.OutTelegramReply || m.Reply == nil {
		return "", fmt.Errorf("telegram send %d: kind %q without a reply: %w", m.ID, m.Kind, conversations.ErrInvalid)
	}
	chatID, err := strconv.ParseInt(m.Recipient, 10, 64)
	if err != nil {
		return "", fmt.Errorf("telegram send %d: recipient %q: %w", m.ID, m.Recipient, conversations.ErrInvalid)
	}
	r := m.Reply
	if len(r.Buttons) > 0 && (r.RequestContact || r.RemoveKeyboard) {
		return "", fmt.Errorf("telegram send %d: inline buttons with a reply keyboard: %w", m.ID, conversations.ErrInvalid)
	}
	noPreview := true
	if r.EditMessageID != 0 && !r.RequestContact && !r.RemoveKeyboard {
		_, err := s.bot.EditMessageText(ctx, &bot.EditMessageTextParams{
			ChatID: chatID, MessageID: r.EditMessageID, Text: r.Text, ParseMode: models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: &noPreview},
			ReplyMarkup:        inlineKeyboard(r.Buttons),
		})
		switch {
		case err == nil || isBadRequest(err, "message is not modified"):
			s.live(ctx, chatID, r.EditMessageID, len(r.Buttons) > 0)
			return strconv.Itoa(r.EditMessageID), nil
		case !isBadRequest(err, "message to edit not found") && !isBadRequest(err, "message can't be edited"):
			return "", fmt.Errorf("telegram edit %d: %w", m.ID, err)
		}
	}
	sent, err := s.bot.SendMessage(ctx, &bot.SendMessageParams{
		ChatID: chatID, Text: r.Text, ParseMode: models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: &noPreview},
		ReplyMarkup:        replyMarkup(r),
	})
	if err != nil {
		return "", fmt.Errorf("telegram send %d: %w", m.ID, err)
	}
	if len(r.Buttons) > 0 {
		s.live(ctx, chatID, sent.ID, true)
	}
	return strconv.Itoa(sent.ID), nil
}

// live records which message of a chat carries the live keyboard after a
// send or an edit of msgID, and removes the buttons of the one before.
// Removing them is a courtesy: a failure is ignored, since an old button
// only ever answers "this step has passed".
func (s *Sender) live(ctx context.Context, chatID int64, msgID int, hasButtons bool) {
	s.mu.Lock()
	prev := s.keyboards[chatID]
	switch {
	case hasButtons:
		s.keyboards[chatID] = msgID
	case prev == msgID:
		delete(s.keyboards, chatID) // its buttons were just edited away
	}
	s.mu.Unlock()
	if hasButtons && prev != 0 && prev != msgID {
		_, _ = s.bot.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: chatID, MessageID: prev})
	}
}

// inlineKeyboard is nil without buttons, so that an edit removes them.
func inlineKeyboard(rows [][]conversations.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: make([][]models.InlineKeyboardButton, len(rows))}
	for i, row := range rows {
		for _, b := range row {
			kb.InlineKeyboard[i] = append(kb.InlineKeyboard[i], models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data})
		}
	}
	return kb
}

func replyMarkup(r *conversations.Reply) models.ReplyMarkup {
	switch {
	case len(r.Buttons) > 0:
		return inlineKeyboard(r.Buttons)
	case r.RequestContact:
		label := r.ContactLabel
		if label == "" {
			label = "📱"
		}
		return &models.ReplyKeyboardMarkup{
			Keyboard:       [][]models.KeyboardButton{{{Text: label, RequestContact: true}}},
			ResizeKeyboard: true, OneTimeKeyboard: true,
		}
	case r.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	return nil
}

func isBadRequest(err error, phrase string) bool {
	return errors.Is(err, bot.ErrorBadRequest) && strings.Contains(err.Error(), phrase)
}

// Classify tells the outbox worker what to do with a Send error:
//   - 429: retry after the time Telegram asked for (at least 1s);
//   - 403 (the user blocked the bot), 400 (chat not found, a payload
//     Telegram refuses), conversations.ErrInvalid: permanent;
//   - anything else (5xx, network, 401/404/409 from a misconfiguration
//     that an operator fixes): retryable after the worker's own backoff,
//     signalled by retryAfter 0.
func Classify(err error) (retryAfter time.Duration, permanent bool) {
	if err == nil {
		return 0, false
	}
	var tmr *bot.TooManyRequestsError
	if errors.As(err, &tmr) {
		return time.Duration(max(tmr.RetryAfter, 1)) * time.Second, false
	}
	var mig *bot.MigrateError
	if errors.As(err, &mig) ||
		errors.Is(err, bot.ErrorForbidden) ||
		errors.Is(err, bot.ErrorBadRequest) ||
		errors.Is(err, conversations.ErrInvalid) {
		return 0, true
	}
	return 0, false
}
