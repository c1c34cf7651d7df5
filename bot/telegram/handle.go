package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"runtime/debug"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// handle runs one saved update through the dialogue, which marks it
// handled in the commit of its step (the event names the update), so an
// update costs one commit. Whatever else happens the update is marked done
// here: a failing or panicking dialogue gets the provider an apology
// instead of a crash loop, and a callback query is always answered.
func (a *Adapter) handle(ctx context.Context, in conversations.Inbound) {
	// The finishing calls get their own time, whatever the step used.
	finish, cancelFinish := context.WithTimeout(ctx, a.opts.HandleTimeout+10*time.Second)
	defer cancelFinish()
	handled := false
	defer func() {
		if !handled {
			a.done(finish, in)
		}
	}()
	work, cancelWork := context.WithTimeout(ctx, a.opts.HandleTimeout)
	defer cancelWork()

	var upd models.Update
	if err := json.Unmarshal(in.Raw, &upd); err != nil {
		a.log.Error("undecodable saved update", "update_id", in.ID, "err", err)
		return
	}
	ev, ref, ok := parseUpdate(&upd, a.clock.Now(), a.opts.MaxFileBytes)
	if !ok {
		return
	}
	if !privateChat(&upd) {
		// Refunds are handled in private chats only: the dialogue never
		// sees a group's update, so nothing is kept (no session, no
		// link, no file downloaded).
		a.notPrivate(finish, ev)
		return
	}
	ev.Source, ev.UpdateID = in.Source, in.ID
	start := time.Now()
	res, err := a.run(work, in.ID, &ev, ref)
	if errors.Is(err, conversations.ErrInboundHandled) {
		// Another handling of this update committed first (a replica's
		// leader queued it while its handler was finishing, or a new
		// leader replayed what the old one committed): that handling
		// answered the provider and the button; this one says nothing.
		a.log.Info("update already handled", "update_id", in.ID, "chat_id", ev.ChatID)
		handled = true
		return
	}
	failed := err != nil
	handled = !failed
	if a.opts.OnStep != nil {
		a.opts.OnStep(time.Since(start), failed)
	}
	switch {
	case !failed || ev.ChatID == 0:
	case errors.Is(err, conversations.ErrOutcomeUnknown):
		// The step may have committed, its replies with it: "it may have
		// gone through" instead of an apology that invites a repeat.
		a.tell(finish, ev.ChatID, policy.Text(policy.ParseLang(ev.LanguageCode), policy.KeyTelegramUnconfirmed, nil))
	default:
		a.tell(finish, ev.ChatID, a.opts.ApologyText)
	}
	if ev.Kind == conversations.EvCallback {
		a.answer(finish, ev.CallbackID, res)
	}
}

// run calls the dialogue, recovering a panic; a file event carries the
// means to download its file. err is the dialogue's error, or
// errPanicked.
func (a *Adapter) run(ctx context.Context, updateID int64, ev *conversations.Event, ref *fileRef) (res conversations.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			// The panic value may quote user input; only a runtime error's
			// message is known to be free of it.
			msg := "non-runtime panic"
			var re runtime.Error
			if err, ok := v.(error); ok && errors.As(err, &re) {
				msg = re.Error()
			}
			a.log.Error("panic handling update", "update_id", updateID, "chat_id", ev.ChatID,
				"panic", msg, "stack", string(debug.Stack()))
			res, err = conversations.Result{}, errPanicked
		}
	}()
	if ref != nil && ev.FileError == conversations.FileOK {
		// The dialogue downloads the file only if a case asks for it.
		ev.Fetch = a.fetcher(ev.ChatID, ref)
	}
	res, err = a.dialogue.Handle(ctx, *ev)
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, conversations.ErrInboundHandled):
		return conversations.Result{}, err
	}
	a.log.Error("dialogue failed", "update_id", updateID, "chat_id", ev.ChatID, "kind", string(ev.Kind), "err", err)
	return conversations.Result{}, err
}

// errPanicked is run's error for a dialogue that panicked.
var errPanicked = errors.New("dialogue panicked")

// privateChat reports whether the update comes from a private chat with
// the bot (a callback: from a message in one).
func privateChat(upd *models.Update) bool {
	var t models.ChatType
	switch {
	case upd.Message != nil:
		t = upd.Message.Chat.Type
	case upd.CallbackQuery != nil && upd.CallbackQuery.Message.Message != nil:
		t = upd.CallbackQuery.Message.Message.Chat.Type
	case upd.CallbackQuery != nil && upd.CallbackQuery.Message.InaccessibleMessage != nil:
		t = upd.CallbackQuery.Message.InaccessibleMessage.Chat.Type
	}
	return t == "" || t == models.ChatTypePrivate
}

// notPrivate answers an update from a group, supergroup or channel: a
// command, a contact or a file (what would start or feed a refund) gets
// one message, straight through the API, saying that refunds are handled
// in a private chat; other messages get nothing, so a group is not
// flooded; a button's spinner is stopped.
func (a *Adapter) notPrivate(ctx context.Context, ev conversations.Event) {
	switch ev.Kind {
	case conversations.EvCallback:
		a.answer(ctx, ev.CallbackID, conversations.Result{})
	case conversations.EvCommand, conversations.EvContact, conversations.EvFile:
		text := policy.Text(policy.ParseLang(ev.LanguageCode), policy.KeyPrivateOnly, nil)
		if _, err := a.bot.SendMessage(ctx, &bot.SendMessageParams{ChatID: ev.ChatID, Text: text}); err != nil {
			a.log.Warn("private-only answer not sent", "chat_id", ev.ChatID, "err", err)
		}
	}
}

// tell sends the provider the apology, or that a step may have gone
// through, straight through the API: the outbox may be what failed.
func (a *Adapter) tell(ctx context.Context, chatID int64, text string) {
	if _, err := a.bot.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatID, Text: text}); err != nil {
		a.log.Warn("apology not sent", "chat_id", chatID, "err", err)
	}
}

// answer stops the button's spinner; Telegram allows 200 characters.
func (a *Adapter) answer(ctx context.Context, id string, res conversations.Result) {
	text := res.CallbackText
	if utf8.RuneCountInString(text) > 200 {
		text = string([]rune(text)[:199]) + "…"
	}
	_, err := a.bot.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text, ShowAlert: res.CallbackAlert})
	if err != nil {
		// After a restart the query may be too old; nothing else to do.
		a.log.Warn("answerCallbackQuery failed", "err", err)
	}
}

// done marks an update handled that no dialogue step committed (it could
// not be parsed, or the step failed). If that fails the update is handled
// again after a restart; the dialogue's step checks make that harmless.
func (a *Adapter) done(ctx context.Context, in conversations.Inbound) {
	if err := a.inbox.InboundDone(ctx, in.Source, in.ID); err != nil {
		a.log.Error("marking update done failed", "update_id", in.ID, "err", err)
	}
}

// registerCommands sets the command menu per language; a failure is
// logged and does not stop the bot.
func (a *Adapter) registerCommands(ctx context.Context) {
	for lang, cmds := range a.opts.Commands {
		list := make([]models.BotCommand, len(cmds))
		for i, c := range cmds {
			list[i] = models.BotCommand{Command: c.Name, Description: c.Description}
		}
		if _, err := a.bot.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: list, LanguageCode: lang}); err != nil {
			a.log.Warn("setMyCommands failed", "lang", lang, "err", err)
		}
	}
}
