package slack

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/slack-go/slack/slackevents"
)

// EventsHandler serves POST /slack/events (the Events API): it answers the
// url_verification challenge and acknowledges event callbacks after
// deduplicating them by event_id through Options.MarkOnce, since Slack
// redelivers up to three times. A bad signature gets 401. The desk needs
// no events yet; they are logged.
func (a *Adapter) EventsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		var outer struct {
			Type      string `json:"type"`
			Challenge string `json:"challenge"`
			EventID   string `json:"event_id"`
			Event     struct {
				Type string `json:"type"`
			} `json:"event"`
		}
		if err := json.Unmarshal(body, &outer); err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		switch outer.Type {
		case slackevents.URLVerification:
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte(outer.Challenge))
			return
		case slackevents.CallbackEvent:
			if err := a.handleEvent(r.Context(), outer.EventID, outer.Event.Type); err != nil {
				// Not recorded: let Slack redeliver.
				http.Error(w, "try again", http.StatusInternalServerError)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
}

// handleEvent deduplicates and handles one event callback, from HTTP or
// Socket Mode. An error means it was not recorded and should be redelivered.
func (a *Adapter) handleEvent(ctx context.Context, eventID, eventType string) error {
	if a.opts.MarkOnce != nil && eventID != "" {
		first, err := a.opts.MarkOnce(ctx, "slack_event:"+eventID, a.now())
		if err != nil {
			a.log.Error("slack event dedupe failed", "event_id", eventID, "error", err)
			return err
		}
		if !first {
			a.log.Info("slack event duplicate", "event_id", eventID)
			return nil
		}
	}
	a.log.Info("slack event", "event_id", eventID, "type", eventType)
	return nil
}
