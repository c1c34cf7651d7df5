package slackfake_test

import (
	"context"
	"fmt"
	"testing"

	slackapi "github.com/slack-go/slack"
)

// History lists top-level messages newest first in pages that cursors
// join; replies lists a thread oldest first; metadata only when asked;
// limits and cursors are checked as Slack does.
func TestHistoryAndReplies(t *testing.T) {
	_, api := newFake(t, nil)
	ctx := context.Background()
	var tops []string
	for i := range 5 {
		_, ts, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText(fmt.Sprint("top ", i), false),
			slackapi.MsgOptionMetadata(slackapi.SlackMetadata{EventType: "refundbot_outbox", EventPayload: map[string]any{"outbox_id": fmt.Sprint(i)}}))
		if err != nil {
			t.Fatal(err)
		}
		tops = append(tops, ts)
	}
	for i := range 3 {
		if _, _, err := api.PostMessageContext(ctx, "C1", slackapi.MsgOptionText(fmt.Sprint("reply ", i), false), slackapi.MsgOptionTS(tops[1]),
			slackapi.MsgOptionMetadata(slackapi.SlackMetadata{EventType: "refundbot_outbox", EventPayload: map[string]any{"outbox_id": fmt.Sprint("r", i)}})); err != nil {
			t.Fatal(err)
		}
	}

	var got []string
	cursor, pages := "", 0
	for {
		res, err := api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{ChannelID: "C1", Limit: 2, Cursor: cursor, IncludeAllMetadata: true})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range res.Messages {
			got = append(got, m.Text+"/"+m.Metadata.EventPayload["outbox_id"].(string))
		}
		if !res.HasMore {
			if res.ResponseMetaData.NextCursor != "" {
				t.Errorf("last page has a cursor %q", res.ResponseMetaData.NextCursor)
			}
			break
		}
		cursor = res.ResponseMetaData.NextCursor
	}
	if want := "[top 4/4 top 3/3 top 2/2 top 1/1 top 0/0]"; fmt.Sprint(got) != want || pages != 3 {
		t.Errorf("history %v in %d pages, want %s in 3 (no replies)", got, pages, want)
	}

	res, err := api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{ChannelID: "C1", Limit: 1})
	if err != nil || res.Messages[0].Metadata.EventType != "" {
		t.Errorf("without include_all_metadata: %+v %v, want no metadata", res.Messages[0].Metadata, err)
	}
	res, err = api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{ChannelID: "C1", Oldest: tops[3]})
	if err != nil || len(res.Messages) != 1 || res.Messages[0].Timestamp != tops[4] {
		t.Errorf("oldest (exclusive): %d messages %v", len(res.Messages), err)
	}
	for want, p := range map[string]*slackapi.GetConversationHistoryParameters{
		"invalid_limit": {ChannelID: "C1", Limit: 1000}, "invalid_cursor": {ChannelID: "C1", Cursor: "bm9wZQ=="},
		"channel_not_found": {ChannelID: "C9"},
	} {
		if _, err := api.GetConversationHistoryContext(ctx, p); slackErr(t, err) != want {
			t.Errorf("history %+v: %v, want %s", p, err, want)
		}
	}
	if _, err := api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{ChannelID: "C1", Limit: 999}); err != nil {
		t.Errorf("limit 999: %v", err)
	}

	got = nil
	cursor = ""
	for {
		msgs, more, next, err := api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: tops[1], Limit: 3, Cursor: cursor, IncludeAllMetadata: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			got = append(got, m.Text)
		}
		if !more {
			break
		}
		cursor = next
	}
	if want := "[top 1 reply 0 reply 1 reply 2]"; fmt.Sprint(got) != want {
		t.Errorf("replies %v, want %s", got, want)
	}
	if _, _, _, err := api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: "1.000000"}); slackErr(t, err) != "thread_not_found" {
		t.Errorf("unknown thread: %v", err)
	}
	if _, _, _, err := api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: tops[1], Cursor: cursorOfHistory(t, api)}); slackErr(t, err) != "invalid_cursor" {
		t.Errorf("a history cursor given to replies: %v", err)
	}
}

// cursorOfHistory is a cursor of the channel's history, which a thread's
// replies must refuse.
func cursorOfHistory(t *testing.T, api *slackapi.Client) string {
	t.Helper()
	res, err := api.GetConversationHistoryContext(context.Background(), &slackapi.GetConversationHistoryParameters{ChannelID: "C1", Limit: 1})
	if err != nil || res.ResponseMetaData.NextCursor == "" {
		t.Fatalf("no history cursor: %v", err)
	}
	return res.ResponseMetaData.NextCursor
}
