package telegram

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/go-telegram/bot"

	"github.com/rockerstop/refundbot/conversations"
)

// maxQueued bounds the updates fetched ahead of handling in polling mode.
const maxQueued = 1000

// allowedUpdates are the update kinds the adapter asks for.
func allowedUpdates() []string { return []string{"message", "edited_message", "callback_query"} }

// inboundOf wraps a raw update for the inbox.
func inboundOf(raw []byte, now time.Time) (conversations.Inbound, error) {
	// Only update_id and the chat are needed to save, order and confirm an
	// update, read here without the library's models (the handler decodes
	// the whole update once). An update the models cannot decode (a newer
	// Bot API, say) is still saved under its ID and dropped, logged, when
	// handled; refusing it here would either lose it silently once a later
	// update moved the offset, or stall polling on it.
	var id struct {
		UpdateID int64 `json:"update_id"`
	}
	var keys updateKeys
	if err := json.Unmarshal(raw, &keys); err == nil {
		id.UpdateID = keys.UpdateID
	} else if err := json.Unmarshal(raw, &id); err != nil {
		return conversations.Inbound{}, fmt.Errorf("decode update: %w", err)
	} else {
		keys = updateKeys{} // the chat is unknown: a field of it is not what the API sends
	}
	if id.UpdateID == 0 {
		return conversations.Inbound{}, errors.New("decode update: no update_id")
	}
	return conversations.Inbound{
		Source:   conversations.Telegram,
		ID:       id.UpdateID,
		Raw:      json.RawMessage(bytes.Clone(raw)),
		Received: now,
		ChatID:   keys.chat(),
	}, nil
}

// updateKeys are the fields of an update that key it in the inbox: its ID
// and its chat, as the library's models would give it (FuzzUpdateKeys).
type updateKeys struct {
	UpdateID      int64        `json:"update_id"`
	Message       *chatKey     `json:"message"`
	EditedMessage *chatKey     `json:"edited_message"`
	CallbackQuery *callbackKey `json:"callback_query"`
}

type chatKey struct {
	Chat struct {
		ID int64 `json:"id"`
	} `json:"chat"`
}

type callbackKey struct {
	From struct {
		ID int64 `json:"id"`
	} `json:"from"`
	Message callbackMessage `json:"message"` // accessible or not, both carry the chat
}

// callbackMessage is a callback query's message as the models read it: a
// JSON null gives chat 0 (the models' inaccessible message), absent the
// sender's chat.
type callbackMessage struct {
	chatKey
	present bool
}

func (m *callbackMessage) UnmarshalJSON(b []byte) error {
	m.present = true
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &m.chatKey)
}

func (k updateKeys) chat() int64 {
	switch {
	case k.Message != nil:
		return k.Message.Chat.ID
	case k.EditedMessage != nil:
		return k.EditedMessage.Chat.ID
	case k.CallbackQuery != nil && k.CallbackQuery.Message.present:
		return k.CallbackQuery.Message.Chat.ID // 0 for null
	case k.CallbackQuery != nil:
		return k.CallbackQuery.From.ID // a private chat's ID is its user's ID
	}
	return 0
}

// apiFailure is an error envelope of the Bot API.
type apiFailure struct {
	Code        int    `json:"error_code"`
	Description string `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

func (e *apiFailure) Error() string { return fmt.Sprintf("telegram api %d: %s", e.Code, e.Description) }

// getUpdates long-polls Telegram itself: the library has no exported call
// that leaves confirming to us.
func (a *Adapter) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	body, err := json.Marshal(map[string]any{
		"offset":          offset,
		"timeout":         int(a.opts.PollTimeout / time.Second),
		"limit":           100,
		"allowed_updates": allowedUpdates(),
	})
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, a.opts.PollTimeout+10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.opts.APIURL+"/bot"+a.opts.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redact(err))
	}
	defer resp.Body.Close()
	var env struct {
		OK     bool              `json:"ok"`
		Result []json.RawMessage `json:"result"`
		apiFailure
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&env); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d: %w", resp.StatusCode, err)
	}
	if !env.OK {
		f := env.apiFailure
		return nil, fmt.Errorf("getUpdates: %w", &f)
	}
	return env.Result, nil
}

// redact removes the request URL, which holds the bot token, from err.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// poll is the durable polling loop: an update's offset is confirmed only
// after SaveInbound returned, so a crash loses nothing Telegram confirmed.
// replayed holds the updates Run queued from the inbox at start.
func (a *Adapter) poll(ctx context.Context, d *dispatcher, replayed map[int64]bool) {
	a.deleteWebhook(ctx)
	st := &polled{unsure: map[int64]bool{}, replayed: replayed}
	var offset int64
	var backoff time.Duration
	for ctx.Err() == nil {
		if d.waitRoom(ctx, maxQueued) != nil {
			return
		}
		ups, err := a.getUpdates(ctx, offset)
		if err == nil {
			backoff = 0
			if a.opts.OnContact != nil {
				a.opts.OnContact(a.clock.Now())
			}
			offset, err = a.intake(ctx, d, ups, offset, st)
		}
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return
		}
		backoff = min(max(2*backoff, 500*time.Millisecond), 30*time.Second)
		wait := backoff
		var f *apiFailure
		if errors.As(err, &f) {
			if f.Parameters.RetryAfter > 0 {
				wait = time.Duration(f.Parameters.RetryAfter) * time.Second
			}
			if f.Code == http.StatusConflict {
				a.deleteWebhook(ctx) // a webhook is set, or another instance polls
			}
		}
		a.log.Warn("polling failed", "err", err, "retry_in", wait)
		sleep(ctx, wait)
	}
}

// polled is what the polling loop keeps between batches.
type polled struct {
	// unsure are updates of a batch whose save failed: it may have
	// committed all the same (etcd can lose a commit's answer in a leader
	// change), so when Telegram delivers them again they are not fresh,
	// yet nothing has queued them.
	unsure map[int64]bool
	// replayed are the updates Run queued from the inbox at start.
	replayed map[int64]bool
}

// intake saves a batch in order and queues the fresh updates, and those a
// failed save of this Run left saved but unhandled. It returns the offset
// confirming every saved update, stopping at the first save that fails.
func (a *Adapter) intake(ctx context.Context, d *dispatcher, ups []json.RawMessage, offset int64, st *polled) (int64, error) {
	ins := make([]conversations.Inbound, 0, len(ups))
	for _, raw := range ups {
		in, err := inboundOf(raw, a.clock.Now())
		if err != nil {
			a.log.Error("skipping undecodable update", "err", err)
			continue
		}
		ins = append(ins, in)
	}
	fresh, err := a.save(ctx, ins)
	if err != nil {
		for _, in := range ins {
			st.unsure[in.ID] = true
		}
		return offset, err
	}
	orphans, err := a.savedUnqueued(ctx, ins, fresh, st)
	if err != nil {
		return offset, err
	}
	// Confirm and dispatch in update order.
	for i, in := range ins {
		offset = in.ID + 1
		if fresh[i] || orphans[in.ID] {
			d.enqueue(in)
		}
		delete(st.unsure, in.ID)
	}
	return offset, nil
}

// savedUnqueued returns which updates of ins, not fresh now, a failed save
// of this Run may have saved and are still unhandled: queued by nobody
// (Run's replay at start came before), they are queued now, once.
func (a *Adapter) savedUnqueued(ctx context.Context, ins []conversations.Inbound, fresh []bool, st *polled) (map[int64]bool, error) {
	check := map[int64]bool{}
	for i, in := range ins {
		if !fresh[i] && st.unsure[in.ID] && !st.replayed[in.ID] {
			check[in.ID] = true
		}
	}
	if len(check) == 0 {
		return nil, nil
	}
	pending, err := a.inbox.PendingInbound(ctx)
	if err != nil {
		return nil, fmt.Errorf("read saved updates: %w", err)
	}
	out := map[int64]bool{}
	for _, in := range pending {
		if in.Source == conversations.Telegram && check[in.ID] {
			out[in.ID] = true
		}
	}
	return out, nil
}

// batchInbox saves one getUpdates answer in one commit; *storage.DB is one.
type batchInbox interface {
	SaveInbounds(ctx context.Context, ins []conversations.Inbound) ([]bool, error)
}

// save saves updates before the offset confirms them: all in one commit
// when the inbox can (an fsync per update would make intake the
// bottleneck of a busy bot), else one after another. fresh[i] is false for
// an update seen before.
func (a *Adapter) save(ctx context.Context, ins []conversations.Inbound) ([]bool, error) {
	if b, ok := a.inbox.(batchInbox); ok && len(ins) > 1 {
		fresh, err := b.SaveInbounds(ctx, ins)
		if err != nil {
			return nil, fmt.Errorf("save %d updates: %w", len(ins), err)
		}
		return fresh, nil
	}
	fresh := make([]bool, len(ins))
	for i, in := range ins {
		f, err := a.inbox.SaveInbound(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("save update %d: %w", in.ID, err)
		}
		fresh[i] = f
	}
	return fresh, nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func (a *Adapter) deleteWebhook(ctx context.Context) {
	if _, err := a.bot.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
		a.log.Warn("deleteWebhook failed", "err", err)
	}
}

// setWebhook registers the webhook, retrying until it succeeds or ctx ends.
func (a *Adapter) setWebhook(ctx context.Context) {
	backoff := 500 * time.Millisecond
	for ctx.Err() == nil {
		_, err := a.bot.SetWebhook(ctx, &bot.SetWebhookParams{
			URL: a.opts.WebhookURL, SecretToken: a.opts.WebhookSecret, AllowedUpdates: allowedUpdates(),
		})
		if err == nil {
			return
		}
		wait, _ := Classify(err)
		if wait == 0 {
			wait = backoff
			backoff = min(2*backoff, 30*time.Second)
		}
		a.log.Warn("setWebhook failed", "err", err, "retry_in", wait)
		sleep(ctx, wait)
	}
}

// WebhookHandler receives Telegram's webhook calls (mount it at
// /telegram/webhook). A call without the right secret header answers 401
// and saves nothing; an update is saved before the 200 answer; a call
// that cannot be saved answers 500 (or 503 outside Run) so Telegram
// delivers it again.
func (a *Adapter) WebhookHandler() http.Handler {
	want := sha256.Sum256([]byte(a.opts.WebhookSecret))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := sha256.Sum256([]byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token")))
		if a.opts.WebhookSecret == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			a.log.Warn("webhook call with a wrong secret", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		d := a.disp.Load()
		if d == nil && !a.opts.Replicated {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4<<20))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		in, err := inboundOf(raw, a.clock.Now())
		if err != nil {
			a.log.Error("webhook update rejected", "err", err)
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		fresh, err := a.inbox.SaveInbound(r.Context(), in)
		if err != nil {
			a.log.Error("saving webhook update failed", "update_id", in.ID, "err", err)
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		if fresh && d != nil && !a.opts.Replicated {
			d.enqueue(in) // after stop it stays saved for the next Run
		}
		w.WriteHeader(http.StatusOK)
	})
}
