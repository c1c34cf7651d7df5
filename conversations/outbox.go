package conversations

import "time"

// Transport names where an outbox message goes.
type Transport string

const (
	Telegram Transport = "telegram"
	Slack    Transport = "slack"
)

// OutboxKind says what a delivery worker does with a message.
type OutboxKind string

const (
	// OutTelegramReply sends (or edits, when Reply.EditMessageID is set) a
	// Telegram message to Recipient (a chat ID).
	OutTelegramReply OutboxKind = "tg_reply"
	// OutSlackCard posts the case card of CaseID to Recipient (a channel).
	OutSlackCard OutboxKind = "slack_card"
	// OutSlackCardUpdate re-renders the posted card of CaseID in place.
	OutSlackCardUpdate OutboxKind = "slack_card_update"
	// OutSlackThread posts Text, finished mrkdwn with every provider value
	// already escaped (EscapeMrkdwn), in the thread of the card of CaseID.
	OutSlackThread OutboxKind = "slack_thread"
	// OutSlackUpload uploads the evidence files Files (or, in records
	// written before Files existed, the one file SHA256) into the card's
	// thread as one message whose initial comment is Text, finished mrkdwn
	// like OutSlackThread.
	OutSlackUpload OutboxKind = "slack_upload"
	// OutSlackPost posts Text, finished mrkdwn like OutSlackThread, as a
	// new message in the channel Recipient; it belongs to no case (the
	// daily digest).
	OutSlackPost OutboxKind = "slack_post"
)

// OutboxState is the delivery state of an outbox message.
type OutboxState string

const (
	OutboxPending OutboxState = "pending"
	OutboxSent    OutboxState = "sent"
	OutboxFailed  OutboxState = "failed" // permanent failure, not retried
)

// OutboxMessage is one message to deliver. It is written in the same
// transaction as the state change that causes it and sent after commit.
type OutboxMessage struct {
	ID        uint64     `json:"id"`
	Transport Transport  `json:"transport"`
	Kind      OutboxKind `json:"kind"`
	Recipient string     `json:"recipient"`
	CaseID    string     `json:"case_id,omitempty"`
	Reply     *Reply     `json:"reply,omitempty"`
	Text      string     `json:"text,omitempty"`
	SHA256    string     `json:"sha256,omitempty"`
	FileName  string     `json:"file_name,omitempty"`
	// Files are the evidence files of an OutSlackUpload.
	Files     []OutboxFile `json:"files,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	NextAt    time.Time    `json:"next_at"`
	Attempts  int          `json:"attempts"`
	// Attempted is when a send that cannot be repeated safely (a Slack
	// post: Slack has no idempotency key) first started; zero when none
	// did. A record pending with Attempted set may already be in Slack
	// (the sender died, or the answer was lost, before it was marked
	// sent): its next delivery looks for it there before posting again.
	Attempted time.Time   `json:"attempted,omitzero"`
	State     OutboxState `json:"state"`
	LastError string      `json:"last_error,omitempty"`
	// Ref is what the API returned: a Telegram message ID or a Slack ts.
	Ref string `json:"ref,omitempty"`
	// Covers, set by DueOutbox on a card post or update, are the IDs of
	// the later pending updates of the same card: delivering this message
	// renders the card as it is now, which includes them, so they are
	// marked sent with it (several updates collapse into one call).
	Covers []uint64 `json:"covers,omitempty"`
}

// Reply is a transport-neutral Telegram message: HTML text (every dynamic
// value already escaped by the renderer) with optional buttons.
type Reply struct {
	Text string `json:"text"`
	// Buttons are inline keyboard rows; Data is opaque, at most 64 bytes.
	Buttons [][]Button `json:"buttons,omitempty"`
	// RequestContact shows the reply keyboard with the contact button.
	RequestContact bool   `json:"request_contact,omitempty"`
	ContactLabel   string `json:"contact_label,omitempty"`
	// RemoveKeyboard removes a reply keyboard shown earlier.
	RemoveKeyboard bool `json:"remove_keyboard,omitempty"`
	// EditMessageID edits that message in place instead of sending anew.
	EditMessageID int `json:"edit_message_id,omitempty"`
}

// Button is one inline keyboard button.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data"`
}
