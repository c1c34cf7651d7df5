package conversations

import (
	"slices"
	"time"
)

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

// PendingRef is one pending outbox record as a store's pending index
// lists it: its ID and its lane.
type PendingRef struct {
	ID   uint64
	Lane string
}

// DueHeads is the one home of the outbox's order, for every store: given
// the pending records in ID order and a way to load one, it returns the
// due heads of the lanes, most urgent first (Urgency, then ID), at most
// limit (no limit when limit <= 0).
//
// A lane (OutboxMessage.Lane: a Telegram chat, a case's card, a case's
// thread) hands out only its oldest pending message, and only when that
// one is due at now: a lane's later messages wait until the earlier one
// is sent or failed. Across lanes one rule holds: a case's thread waits
// while its card is not posted. A card's head (its post or an update)
// carries in Covers the later pending updates of the same card, which its
// delivery makes redundant. It loads only the head of each lane.
func DueHeads(pending []PendingRef, load func(id uint64) (OutboxMessage, error), now time.Time, limit int) ([]OutboxMessage, error) {
	out := []OutboxMessage{}
	head := map[string]int{} // lane → index in out, or -1: its head is not due
	unposted := map[string]bool{}
	for _, p := range pending {
		if i, seen := head[p.Lane]; seen {
			if i >= 0 && p.Lane == CardLane(out[i].CaseID) {
				out[i].Covers = append(out[i].Covers, p.ID)
			}
			continue
		}
		m, err := load(p.ID)
		if err != nil {
			return nil, err
		}
		if m.Kind == OutSlackCard && p.Lane == CardLane(m.CaseID) {
			unposted[m.CaseID] = true
		}
		if m.NextAt.After(now) {
			head[p.Lane] = -1
			continue
		}
		m.Covers = nil
		head[p.Lane] = len(out)
		out = append(out, m)
	}
	out = slices.DeleteFunc(out, func(m OutboxMessage) bool {
		return unposted[m.CaseID] && (m.Kind == OutSlackThread || m.Kind == OutSlackUpload)
	})
	slices.SortStableFunc(out, func(a, b OutboxMessage) int { return a.Urgency() - b.Urgency() })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
