package slack

import (
	"context"
	"errors"
	"fmt"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
)

// Permanent delivery errors of Send, beside Slack's own.
var (
	// ErrNoCard: the message belongs in a card's thread but the case has no card.
	ErrNoCard = errors.New("case card not posted")
	// ErrBadMessage: the outbox message cannot be delivered as written.
	ErrBadMessage = errors.New("undeliverable slack message")
)

// maxThreadRunes bounds a thread text before escaping, so that even fully
// escaped (5x) it stays under Slack's 40,000 characters.
const maxThreadRunes = 7900

// Send delivers one Slack outbox message and returns Slack's reference:
// the card's ts, a thread reply's ts or the uploaded file's ID. c is the
// case as it is now (the card is rendered from it) and info what the card
// shows beyond it. Posts are paced per channel. Errors are wrapped; use
// Classify to decide between retrying and giving up. Send is not
// idempotent (Slack has no idempotency key): a retry after a network
// error may post twice, unless the delivery worker marked the record
// attempted first (Sender.Unrepeatable): then a message posted by an
// earlier attempt is found by its metadata and not posted again
// (reconcile.go).
func (a *Adapter) Send(ctx context.Context, m conversations.OutboxMessage, c conversations.Case, info CardInfo) (string, error) {
	if info.Location == nil {
		info.Location = a.opts.Location
	}
	// An earlier attempt may have posted m already (reconcile.go).
	if ts, err := a.posted(ctx, m, c); err != nil || ts != "" {
		if ts != "" {
			a.log.Info("slack message found posted by an earlier attempt", "outbox_id", m.ID, "case_id", m.CaseID, "kind", m.Kind)
		}
		return ts, err
	}
	switch m.Kind {
	case conversations.OutSlackCard:
		return a.postCard(ctx, m, c, info)
	case conversations.OutSlackCardUpdate:
		if c.CardTS == "" || c.CardChannel == "" {
			return "", fmt.Errorf("update card of %s: %w", c.ID, ErrNoCard)
		}
		blocks, _ := RenderCard(c, info)
		var ts string
		err := a.call(ctx, MethodUpdate, c.CardChannel, func() (err error) {
			_, ts, _, err = a.api.UpdateMessageContext(ctx, c.CardChannel, c.CardTS,
				slackapi.MsgOptionText(CardText(c), false), slackapi.MsgOptionBlocks(blocks...))
			return err
		})
		if err != nil {
			return "", fmt.Errorf("update card of %s: %w", c.ID, err)
		}
		return ts, nil
	case conversations.OutSlackThread:
		if c.CardTS == "" || c.CardChannel == "" {
			return "", fmt.Errorf("thread of %s: %w", c.ID, ErrNoCard)
		}
		// Thread text is finished mrkdwn: the domain escaped every provider value
		// and may mention agents with <@U…>, so it is posted as it is.
		return a.postThread(ctx, c, truncate(m.Text, maxThreadRunes), outboxMeta(m))
	case conversations.OutSlackUpload:
		return a.upload(ctx, m, c)
	case conversations.OutSlackPost:
		return a.post(ctx, m)
	}
	return "", fmt.Errorf("send %s message %d: %w", m.Kind, m.ID, ErrBadMessage)
}

func (a *Adapter) postCard(ctx context.Context, m conversations.OutboxMessage, c conversations.Case, info CardInfo) (string, error) {
	channel := m.Recipient
	if channel == "" {
		channel = a.opts.Channel
	}
	blocks, overflow := RenderCard(c, info)
	var ts string
	err := a.call(ctx, MethodPostMessage, channel, func() (err error) {
		_, ts, err = a.api.PostMessageContext(ctx, channel,
			slackapi.MsgOptionText(CardText(c), false),
			slackapi.MsgOptionBlocks(blocks...),
			slackapi.MsgOptionDisableLinkUnfurl(), slackapi.MsgOptionDisableMediaUnfurl(),
			outboxMeta(m))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post card of %s: %w", c.ID, err)
	}
	// The card is posted: from here on an error must not make the caller
	// post it again, so overflow failures are logged, not returned.
	c.CardChannel, c.CardTS = channel, ts
	for _, text := range overflow {
		if _, err := a.postThread(ctx, c, text); err != nil {
			a.log.Error("slack card overflow not posted", "case_id", c.ID, "error", err)
			break
		}
	}
	return ts, nil
}

// postThread posts mrkdwn text (already escaped) in the card's thread.
// extra options (the outbox record's metadata) go with it.
func (a *Adapter) postThread(ctx context.Context, c conversations.Case, text string, extra ...slackapi.MsgOption) (string, error) {
	var ts string
	err := a.call(ctx, MethodPostMessage, c.CardChannel, func() (err error) {
		opts := append([]slackapi.MsgOption{slackapi.MsgOptionText(text, false),
			slackapi.MsgOptionTS(c.CardTS), slackapi.MsgOptionDisableLinkUnfurl(), slackapi.MsgOptionDisableMediaUnfurl()}, extra...)
		_, ts, err = a.api.PostMessageContext(ctx, c.CardChannel, opts...)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post in thread of %s: %w", c.ID, err)
	}
	return ts, nil
}
