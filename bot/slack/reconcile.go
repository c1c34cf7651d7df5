package slack

import (
	"context"
	"fmt"
	"strconv"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
)

// Posting exactly once on a channel that has no idempotency key.
//
// chat.postMessage cannot be repeated safely: a post whose answer was
// lost, or whose sender died before the outbox recorded it, shows twice
// when sent again. So every post carries the identity of its outbox
// record in Slack's message metadata (outboxMeta), the delivery worker
// records an attempt before the post (bot.Unrepeatable,
// OutboxMessage.Attempted), and a record found pending after an attempt
// is looked for in the channel first (conversations.history for a card or
// a channel post, conversations.replies for a thread message): found, it
// is marked sent with that message's ts instead of being posted again.
//
// What this cannot cover: a file upload (files.completeUploadExternal
// takes no metadata) may show twice after such a crash, and so may a
// card's overflow thread messages (posted with the card, not records of
// their own).

// OutboxEventType is the metadata event type of every message the outbox
// posts; its payload names the outbox record (outbox_id) and the case
// (case_id, absent for a post of no case).
const OutboxEventType = "refundbot_outbox"

// outboxMeta is the metadata that names m in Slack.
func outboxMeta(m conversations.OutboxMessage) slackapi.MsgOption {
	p := map[string]any{"outbox_id": strconv.FormatUint(m.ID, 10)}
	if m.CaseID != "" {
		p["case_id"] = m.CaseID
	}
	return slackapi.MsgOptionMetadata(slackapi.SlackMetadata{EventType: OutboxEventType, EventPayload: p})
}

// isOutboxMessage reports whether Slack's message msg is the post of m.
func isOutboxMessage(msg slackapi.Message, m conversations.OutboxMessage) bool {
	md := msg.Metadata
	if md.EventType != OutboxEventType {
		return false
	}
	id, _ := md.EventPayload["outbox_id"].(string)
	caseID, _ := md.EventPayload["case_id"].(string)
	return id == strconv.FormatUint(m.ID, 10) && caseID == m.CaseID
}

// Look-up bounds: a page is lookupPage messages; a channel's history is
// read back at most lookupPages pages, and never further than lookupSkew
// before the first attempt (Slack's ts is its clock; ours may differ).
const (
	lookupPage  = 200
	lookupPages = 10
	lookupSkew  = 2 * time.Minute
)

// findTop looks in the channel's history, newest first, for the top-level
// post of m (a card or a channel post) and returns its ts, "" when it is
// not there.
func (a *Adapter) findTop(ctx context.Context, channel string, m conversations.OutboxMessage) (string, error) {
	bound := m.Attempted.Add(-lookupSkew)
	cursor := ""
	for range lookupPages {
		var res *slackapi.GetConversationHistoryResponse
		err := a.call(ctx, MethodHistory, channel, func() (err error) {
			res, err = a.api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{
				ChannelID: channel, Cursor: cursor, Limit: lookupPage, IncludeAllMetadata: true})
			return err
		})
		if err != nil {
			return "", fmt.Errorf("look for message %d in %s: %w", m.ID, channel, err)
		}
		for _, msg := range res.Messages {
			if isOutboxMessage(msg, m) {
				return msg.Timestamp, nil
			}
		}
		n := len(res.Messages)
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" || n == 0 || tsTime(res.Messages[n-1].Timestamp).Before(bound) {
			return "", nil
		}
		cursor = res.ResponseMetaData.NextCursor
	}
	return "", nil
}

// findReply looks in the thread of threadTS for the reply that is the
// post of m and returns its ts, "" when it is not there.
func (a *Adapter) findReply(ctx context.Context, channel, threadTS string, m conversations.OutboxMessage) (string, error) {
	cursor := ""
	for range lookupPages {
		var (
			msgs    []slackapi.Message
			hasMore bool
			next    string
		)
		err := a.call(ctx, MethodReplies, channel, func() (err error) {
			msgs, hasMore, next, err = a.api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{
				ChannelID: channel, Timestamp: threadTS, Cursor: cursor, Limit: lookupPage, IncludeAllMetadata: true})
			return err
		})
		if err != nil {
			return "", fmt.Errorf("look for message %d in the thread %s: %w", m.ID, threadTS, err)
		}
		for _, msg := range msgs {
			if msg.Timestamp != threadTS && isOutboxMessage(msg, m) {
				return msg.Timestamp, nil
			}
		}
		if !hasMore || next == "" {
			return "", nil
		}
		cursor = next
	}
	return "", nil
}

// tsTime reads a Slack ts ("1712345678.000100") as a time; zero when it
// is not one.
func tsTime(ts string) time.Time {
	f, err := strconv.ParseFloat(ts, 64)
	if err != nil {
		return time.Time{}
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9))
}

// Unrepeatable reports whether delivering m posts a new message, which
// Slack would show twice if sent twice (bot.Unrepeatable). A card update
// is repeatable (the same state twice is one card); a file upload is
// unrepeatable but cannot be looked up (no metadata on
// files.completeUploadExternal), so it is not marked.
func (*Sender) Unrepeatable(m conversations.OutboxMessage) bool {
	switch m.Kind {
	case conversations.OutSlackCard, conversations.OutSlackThread, conversations.OutSlackPost:
		return true
	}
	return false
}

// posted looks for an earlier attempt's post of m (OutboxMessage.Attempted
// set) and returns its ts, "" when there is none. c is m's case (its card
// for a thread message).
func (a *Adapter) posted(ctx context.Context, m conversations.OutboxMessage, c conversations.Case) (string, error) {
	if m.Attempted.IsZero() {
		return "", nil
	}
	switch m.Kind {
	case conversations.OutSlackCard:
		return a.findTop(ctx, a.channelOf(m), m)
	case conversations.OutSlackPost:
		return a.findTop(ctx, m.Recipient, m)
	case conversations.OutSlackThread:
		if c.CardTS == "" || c.CardChannel == "" {
			return "", nil // Send fails it: no card to hang under
		}
		return a.findReply(ctx, c.CardChannel, c.CardTS, m)
	}
	return "", nil
}

// channelOf is where a card of m is posted.
func (a *Adapter) channelOf(m conversations.OutboxMessage) string {
	if m.Recipient != "" {
		return m.Recipient
	}
	return a.opts.Channel
}
