package conversations

// What must be ordered among outbox messages, and what goes first.
//
// Delivery keeps order only where the other side would notice: a
// Telegram chat's messages in order; a case's card posted before any
// update of it; a case's thread messages (and uploads) in order among
// themselves, and after the card they hang under. Nothing else waits for
// anything: a card update does not wait for the case's thread, and one
// case's messages never wait for another's.

// Lane names the sequence m is delivered in: the outbox hands out only the
// oldest pending message of each lane.
func (m OutboxMessage) Lane() string {
	if m.Transport == Slack && m.CaseID != "" {
		switch m.Kind {
		case OutSlackCard, OutSlackCardUpdate:
			return string(Slack) + "\x00card\x00" + m.CaseID
		case OutSlackThread, OutSlackUpload:
			return string(Slack) + "\x00thread\x00" + m.CaseID
		}
	}
	return string(m.Transport) + "\x00" + m.Recipient
}

// CardLane is the lane of the card of caseID (its post and updates).
func CardLane(caseID string) string { return string(Slack) + "\x00card\x00" + caseID }

// Urgency orders due messages when a limit lets only some go: 0 first. A
// decision's card update and every Telegram message (the provider's
// notice, a dialogue's reply) are 0; new cards and channel posts 1; thread
// messages and uploads 2.
func (m OutboxMessage) Urgency() int {
	switch m.Kind {
	case OutSlackCard, OutSlackPost:
		return 1
	case OutSlackThread, OutSlackUpload:
		return 2
	}
	return 0
}
