package slack

import (
	"context"
	"errors"
	"fmt"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode receives Slack's requests over Socket Mode (slack.mode:
// socket) and dispatches them to the same code as the HTTP handlers. Each
// envelope is acknowledged once handled (a view submission with its
// response as the payload). It returns when ctx ends or on a fatal
// connection error (invalid token).
func (a *Adapter) RunSocketMode(ctx context.Context) error {
	if a.opts.AppToken == "" {
		return errors.New("slack socket mode: app token is required")
	}
	client := socketmode.New(a.api)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- client.RunContext(ctx) }()
	for {
		select {
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt := <-client.Events:
			// An agent's request counts as waited on until its ack is
			// written (Options.Foreground).
			out := a.foreground(evt.Type)
			payload, ack := a.socketEvent(ctx, evt)
			if ack && evt.Request != nil {
				var err error
				if payload != nil {
					err = client.Ack(*evt.Request, payload)
				} else {
					err = client.Ack(*evt.Request)
				}
				if err != nil {
					a.log.Warn("slack socket ack failed", "error", err)
				}
			}
			out()
		}
	}
}

// foreground counts an interaction or slash command in (Options.Foreground)
// and returns what counts it out; other events count nothing.
func (a *Adapter) foreground(t socketmode.EventType) (out func()) {
	if a.opts.Foreground == nil || (t != socketmode.EventTypeInteractive && t != socketmode.EventTypeSlashCommand) {
		return func() {}
	}
	return a.opts.Foreground()
}

// socketEvent handles one Socket Mode event and says whether to ack it and
// with what payload. Lifecycle events are logged and not acked. An event
// whose dedupe record failed is not acked, so Slack redelivers it.
func (a *Adapter) socketEvent(ctx context.Context, evt socketmode.Event) (payload any, ack bool) {
	switch evt.Type {
	case socketmode.EventTypeInteractive:
		ic, ok := evt.Data.(slackapi.InteractionCallback)
		if !ok {
			return nil, true
		}
		if resp := a.dispatchInteraction(ctx, ic); resp != nil {
			return resp, true
		}
		return nil, true
	case socketmode.EventTypeSlashCommand:
		sc, ok := evt.Data.(slackapi.SlashCommand)
		if !ok {
			return nil, true
		}
		return a.command(ctx, sc), true
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return nil, true
		}
		var id string
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
			id = cb.EventID
		}
		if err := a.handleEvent(ctx, id, ev.InnerEvent.Type); err != nil {
			return nil, false
		}
		return nil, true
	case socketmode.EventTypeConnecting, socketmode.EventTypeConnected, socketmode.EventTypeHello:
		a.log.Info("slack socket mode", "state", string(evt.Type))
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth, socketmode.EventTypeDisconnect,
		socketmode.EventTypeErrorBadMessage, socketmode.EventTypeErrorWriteFailed:
		// The event's data says why (a refused token, a dial error): an
		// operator needs it to fix slack.app_token or the network.
		if err, ok := evt.Data.(error); ok {
			a.log.Warn("slack socket mode", "state", string(evt.Type), "error", err)
		} else {
			a.log.Warn("slack socket mode", "state", string(evt.Type))
		}
	}
	return nil, false
}
