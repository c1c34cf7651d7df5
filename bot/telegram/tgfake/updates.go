package tgfake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"
)

type webhookState struct {
	url, secret string
	stop        chan struct{}
	lastError   string
	delivered   int
	failed      int
}

// push queues an update, assigning the next update_id.
func (s *Server) push(upd *models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpd++
	upd.ID = s.nextUpd
	raw, err := json.Marshal(upd)
	if err != nil {
		panic("tgfake: marshal update: " + err.Error()) // a bug in the fake itself
	}
	s.queue = append(s.queue, queuedUpdate{id: upd.ID, raw: raw})
	close(s.wake)
	s.wake = make(chan struct{})
	return upd.ID
}

// Pending reports how many updates Telegram still holds: queued and not
// yet confirmed by a getUpdates offset or a 2xx webhook answer.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// WebhookDeliveries reports webhook POSTs answered 2xx and the others.
func (s *Server) WebhookDeliveries() (ok, failed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.delivered, s.webhook.failed
}

// getUpdates confirms updates below offset and long-polls for up to
// timeout seconds. A newer getUpdates call ends an older waiting one with
// 409, as Telegram does.
func (s *Server) getUpdates(r *http.Request, p params) (any, *apiError) {
	offset := int64(p.optInt("offset", 0))
	limit := min(max(p.optInt("limit", 100), 1), 100)
	timeout := min(time.Duration(p.optInt("timeout", 0))*time.Second, s.opts.MaxPollTimeout)
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()

	s.mu.Lock()
	s.pollGen++
	gen := s.pollGen
	s.mu.Unlock()
	for {
		s.mu.Lock()
		if s.webhook.url != "" {
			s.mu.Unlock()
			return nil, &apiError{code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
		}
		if s.pollGen != gen {
			s.mu.Unlock()
			return nil, &apiError{code: 409, desc: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
		s.confirm(offset)
		if len(s.queue) > 0 {
			n := min(limit, len(s.queue))
			out := make([]json.RawMessage, n)
			for i := range n {
				out[i] = s.queue[i].raw
			}
			s.mu.Unlock()
			return out, nil
		}
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-deadline.C:
			return []json.RawMessage{}, nil
		case <-r.Context().Done():
			return []json.RawMessage{}, nil
		case <-s.closed:
			return []json.RawMessage{}, nil
		}
	}
}

// confirm forgets updates below offset (a negative offset keeps only the
// last -offset updates). The caller holds s.mu.
func (s *Server) confirm(offset int64) {
	switch {
	case offset > 0:
		i := 0
		for i < len(s.queue) && s.queue[i].id < offset {
			i++
		}
		s.queue = s.queue[i:]
	case offset < 0 && int64(len(s.queue)) > -offset:
		s.queue = s.queue[int64(len(s.queue))+offset:]
	}
}

func validSecret(secret string) bool {
	if len(secret) > 256 {
		return false
	}
	for _, c := range secret {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func (s *Server) setWebhook(p params) (any, *apiError) {
	url := p["url"]
	if url == "" {
		return s.deleteWebhook(p)
	}
	if !validSecret(p["secret_token"]) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook.stop != nil {
		close(s.webhook.stop)
	}
	if p.bool("drop_pending_updates") {
		s.queue = nil
	}
	stop := make(chan struct{})
	s.webhook = webhookState{url: url, secret: p["secret_token"], stop: stop}
	s.wg.Add(1)
	go s.deliver(stop, url, p["secret_token"])
	return true, nil
}

func (s *Server) deleteWebhook(p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook.stop != nil {
		close(s.webhook.stop)
	}
	s.webhook = webhookState{}
	if p.bool("drop_pending_updates") {
		s.queue = nil
	}
	return true, nil
}

func (s *Server) webhookInfo() models.WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models.WebhookInfo{URL: s.webhook.url, PendingUpdateCount: len(s.queue), LastErrorMessage: s.webhook.lastError}
}

// deliver POSTs queued updates to the webhook one at a time, in order,
// retrying an update until it is answered 2xx or the webhook is removed.
func (s *Server) deliver(stop chan struct{}, url, secret string) {
	defer s.wg.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-stop:
		case <-s.closed:
		case <-ctx.Done():
		}
		cancel()
	}()
	client := &http.Client{Timeout: 10 * time.Second}
	backoff := 10 * time.Millisecond
	for ctx.Err() == nil {
		s.mu.Lock()
		if len(s.queue) == 0 {
			wake := s.wake
			s.mu.Unlock()
			select {
			case <-wake:
			case <-ctx.Done():
			}
			continue
		}
		u := s.queue[0]
		s.mu.Unlock()
		ok, errText := post(ctx, client, url, secret, u.raw)
		s.mu.Lock()
		if s.webhook.stop != stop {
			s.mu.Unlock()
			return
		}
		if ok {
			s.webhook.delivered++
			if len(s.queue) > 0 && s.queue[0].id == u.id {
				s.queue = s.queue[1:]
			}
		} else {
			s.webhook.failed++
			s.webhook.lastError = errText
		}
		s.mu.Unlock()
		if ok {
			backoff = 10 * time.Millisecond
			continue
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(2*backoff, 500*time.Millisecond)
	}
}

func post(ctx context.Context, client *http.Client, url, secret string, body []byte) (bool, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, "connection failed"
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return false, "wrong response from the webhook: " + resp.Status
	}
	return true, ""
}
