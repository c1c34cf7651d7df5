package storetest

import (
	"context"
	"fmt"
	stdmaps "maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// DueStore is what TestDueOutbox drives: the outbox.
type DueStore interface {
	Enqueue(ctx context.Context, msgs ...conversations.OutboxMessage) error
	DueOutbox(ctx context.Context, now time.Time, limit int) ([]conversations.OutboxMessage, error)
	OutboxSent(ctx context.Context, id uint64, at time.Time, ref string) error
	OutboxRetry(ctx context.Context, id uint64, next time.Time, errText string) error
	OutboxAttempt(ctx context.Context, id uint64, at time.Time) error
	OutboxFailed(ctx context.Context, id uint64, at time.Time, errText string) error
}

// DueOptions tune TestDueOutbox.
type DueOptions struct {
	Seed  uint64
	Steps int // 400 when zero
	// Reopen, when set, is called at the end and must return the same
	// store opened again with its outbox index built from scratch; the
	// answers must not change.
	Reopen func(t *testing.T) DueStore
}

// TestDueOutbox holds a store's DueOutbox (whatever index it reads) to
// conversations.DueHeads over a model of the pending messages that the
// test keeps itself: through random enqueues (up to three messages at
// once, as a decision writes them, some due later), sends of a head and
// the card updates it covers (in either order), attempt marks, retries
// with backoff and failures, DueOutbox at several times answers exactly
// what DueHeads answers without a limit; with a limit it answers that
// many of them, the more urgent first. st must be fresh and empty: its
// messages are numbered 1, 2, 3… in enqueue order.
func TestDueOutbox(t *testing.T, st DueStore, opts DueOptions) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(opts.Seed, 2))
	if opts.Steps == 0 {
		opts.Steps = 400
	}
	model := map[uint64]conversations.OutboxMessage{}
	var n uint64
	posted := map[string]bool{}
	kinds := []conversations.OutboxKind{conversations.OutSlackCard, conversations.OutSlackCardUpdate, conversations.OutSlackThread,
		conversations.OutSlackUpload, conversations.OutSlackPost, conversations.OutTelegramReply}
	msg := func() conversations.OutboxMessage {
		n++
		k := kinds[rng.IntN(len(kinds))]
		m := conversations.OutboxMessage{Transport: conversations.Slack, Kind: k, Recipient: "C1", CreatedAt: t0, Text: fmt.Sprint("m", n)}
		switch k {
		case conversations.OutTelegramReply:
			m.Transport, m.Recipient = conversations.Telegram, fmt.Sprint(rng.IntN(4))
		case conversations.OutSlackPost:
		case conversations.OutSlackCard:
			m.CaseID = fmt.Sprint("RF-", rng.IntN(6))
			if posted[m.CaseID] {
				m.Kind = conversations.OutSlackCardUpdate
			}
			posted[m.CaseID] = true
		default:
			m.CaseID = fmt.Sprint("RF-", rng.IntN(6))
		}
		if rng.IntN(5) == 0 {
			m.NextAt = t0.Add(time.Duration(rng.IntN(120)) * time.Second)
		}
		return m
	}
	want := func(now time.Time) []conversations.OutboxMessage {
		t.Helper()
		ids := slices.Sorted(stdmaps.Keys(model))
		refs := make([]conversations.PendingRef, len(ids))
		for i, id := range ids {
			refs[i] = conversations.PendingRef{ID: id, Lane: model[id].Lane()}
		}
		out, err := conversations.DueHeads(refs, func(id uint64) (conversations.OutboxMessage, error) { return model[id], nil }, now, 0)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	check := func(st DueStore, step int) {
		t.Helper()
		for _, at := range []time.Duration{0, 30 * time.Second, time.Minute, time.Hour} {
			now := t0.Add(at)
			got, err := st.DueOutbox(ctx, now, 0)
			if err != nil {
				t.Fatalf("step %d: DueOutbox: %v", step, err)
			}
			w := want(now)
			if g, w := summary(got), summary(w); g != w {
				t.Fatalf("step %d at +%s: DueOutbox answers\n%s\nDueHeads over the pending messages\n%s", step, at, g, w)
			}
			for _, limit := range []int{1, 3} {
				part, err := st.DueOutbox(ctx, now, limit)
				if err != nil {
					t.Fatalf("step %d: DueOutbox limit %d: %v", step, limit, err)
				}
				if msg := limited(part, w, limit); msg != "" {
					t.Fatalf("step %d at +%s, limit %d: %s\ngot  %s\nall  %s", step, at, limit, msg, summary(part), summary(w))
				}
			}
		}
	}
	must := func(op string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}
	for step := range opts.Steps {
		switch r := rng.IntN(10); {
		case r < 4:
			batch := make([]conversations.OutboxMessage, 1+rng.IntN(3))
			for i := range batch {
				batch[i] = msg()
			}
			must("Enqueue", st.Enqueue(ctx, batch...))
			for i, m := range batch {
				m.ID, m.State = n-uint64(len(batch)-1-i), conversations.OutboxPending
				if m.NextAt.IsZero() {
					m.NextAt = m.CreatedAt
				}
				model[m.ID] = m
			}
		default:
			due := want(t0.Add(time.Hour))
			if len(due) == 0 {
				continue
			}
			m := due[rng.IntN(len(due))]
			switch r {
			case 4, 5, 6:
				ids := append([]uint64{m.ID}, m.Covers...)
				if rng.IntN(2) == 0 {
					slices.Reverse(ids) // covered updates first: each settles a lane member that is not its head
				}
				for _, id := range ids {
					must("OutboxSent", st.OutboxSent(ctx, id, t0, "ref"))
					delete(model, id)
				}
			case 7:
				if m.CaseID != "" {
					continue // a case's failure needs the case
				}
				must("OutboxFailed", st.OutboxFailed(ctx, m.ID, t0, "gone"))
				delete(model, m.ID)
			case 8:
				at := t0.Add(time.Duration(rng.IntN(60)) * time.Second)
				must("OutboxAttempt", st.OutboxAttempt(ctx, m.ID, at))
				if x := model[m.ID]; x.Attempted.IsZero() {
					x.Attempted = at
					model[m.ID] = x
				}
			default:
				next := t0.Add(time.Duration(rng.IntN(90)) * time.Second)
				must("OutboxRetry", st.OutboxRetry(ctx, m.ID, next, "429"))
				x := model[m.ID]
				x.Attempts++
				x.NextAt, x.LastError = next, "429"
				model[m.ID] = x
			}
		}
		check(st, step)
	}
	if opts.Reopen != nil {
		check(opts.Reopen(t), -1)
	}
}

// summary lists messages one a line: ID, kind, case, text, attempts, due
// time, first attempt and covered IDs.
func summary(ms []conversations.OutboxMessage) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%d %s %s %s attempts=%d next=%s attempted=%v covers=%v\n", m.ID, m.Kind, m.CaseID, m.Text, m.Attempts,
			m.NextAt.UTC().Format(time.RFC3339Nano), m.Attempted.UTC().Format(time.RFC3339Nano), m.Covers)
	}
	return b.String()
}

// limited says what is wrong with part, DueOutbox's answer with limit,
// against all, its answer without: it must hold min(limit, len(all)) of
// all's messages, exactly as all has them, most urgent first, with none
// of all left out that is more urgent than one it holds.
func limited(part, all []conversations.OutboxMessage, limit int) string {
	if len(part) != min(limit, len(all)) {
		return fmt.Sprintf("%d messages, want %d", len(part), min(limit, len(all)))
	}
	byID := map[uint64]string{}
	for _, m := range all {
		byID[m.ID] = summary([]conversations.OutboxMessage{m})
	}
	held := map[uint64]bool{}
	for i, m := range part {
		if byID[m.ID] != summary([]conversations.OutboxMessage{m}) {
			return fmt.Sprintf("message %d is not one of the due heads as they are without a limit", m.ID)
		}
		if i > 0 && m.Urgency() < part[i-1].Urgency() {
			return "not most urgent first"
		}
		held[m.ID] = true
	}
	if len(part) == 0 {
		return ""
	}
	for _, m := range all {
		if !held[m.ID] && m.Urgency() < part[len(part)-1].Urgency() {
			return fmt.Sprintf("message %d (urgency %d) left out for a less urgent one", m.ID, m.Urgency())
		}
	}
	return ""
}
