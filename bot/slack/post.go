package slack

import (
	"context"
	"fmt"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
)

// post delivers an OutSlackPost: Text, finished mrkdwn (every raw value
// escaped by the domain, mentions allowed), as a new message in the
// channel m.Recipient, without unfurling. It belongs to no case.
func (a *Adapter) post(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	if m.Recipient == "" || m.Text == "" {
		return "", fmt.Errorf("post message %d: no channel or text: %w", m.ID, ErrBadMessage)
	}
	var ts string
	err := a.call(ctx, MethodPostMessage, m.Recipient, func() (err error) {
		_, ts, err = a.api.PostMessageContext(ctx, m.Recipient, slackapi.MsgOptionText(truncate(m.Text, maxThreadRunes), false),
			slackapi.MsgOptionDisableLinkUnfurl(), slackapi.MsgOptionDisableMediaUnfurl(), outboxMeta(m))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post message %d to %s: %w", m.ID, m.Recipient, err)
	}
	return ts, nil
}
