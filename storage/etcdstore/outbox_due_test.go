package etcdstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/conversations/storetest"
)

// reopen opens s's prefix again as a prefix written before the due index
// existed: the index and its mark deleted, so Open builds it.
func reopen(t testing.TB, s *Store) *Store {
	t.Helper()
	ctx := context.Background()
	for _, k := range []string{s.bucketPrefix(bOutboxLanes), s.bucketPrefix(bOutboxDue), s.k(bMeta, keyOutboxIndexed)} {
		_, err := sharedCli.Delete(ctx, k, clientv3.WithPrefix())
		must(t, err)
	}
	s2, err := Open(ctx, Options{Client: sharedCli, Prefix: s.prefix, NormalizePhone: s.phone, Now: s.now})
	must(t, err)
	return s2
}

// TestDueIndexMatchesDueHeads runs storetest's randomized outbox test on
// etcd: DueOutbox, read from the due index, answers what
// conversations.DueHeads answers over the test's model of the pending
// messages, through enqueues, sends, covers, attempts, retries and
// failures; and again after the index is built from scratch at Open.
// openClean checks the index against the pending messages at the end.
func TestDueIndexMatchesDueHeads(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			s := openClean(t)
			storetest.TestDueOutbox(t, s, storetest.DueOptions{Seed: seed, Steps: 250,
				Reopen: func(t *testing.T) storetest.DueStore { return reopen(t, s) }})
		})
	}
}

// TestDueIndexBuiltAtOpen: a prefix with pending messages but no index
// (as written before the index) gets it at Open, once, however many
// replicas open it at the same moment; a build that stopped half way
// (the mark missing, some keys written) is finished by the next Open;
// and its answers are the ones the index gave.
func TestDueIndexBuiltAtOpen(t *testing.T) {
	ctx := context.Background()
	s := openClean(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var msgs []conversations.OutboxMessage
	for i := range 300 { // more than one build transaction
		msgs = append(msgs, conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
			Recipient: fmt.Sprint(i % 40), CreatedAt: t0, NextAt: t0.Add(time.Duration(i%7) * time.Minute)})
		if len(msgs) == 30 {
			must(t, s.Enqueue(ctx, msgs...))
			msgs = nil
		}
	}
	must(t, s.OutboxSent(ctx, 1, t0, "ref"))
	must(t, s.OutboxRetry(ctx, 2, t0.Add(time.Hour), "429"))
	before, err := s.DueOutbox(ctx, t0.Add(5*time.Minute), 0)
	must(t, err)

	_ = reopen(t, s) // deletes the index
	// Half a build: the first transaction's worth, no mark.
	_, err = sharedCli.Delete(ctx, s.k(bMeta, keyOutboxIndexed))
	must(t, err)
	_, err = sharedCli.Delete(ctx, s.bucketPrefix(bOutboxDue), clientv3.WithPrefix())
	must(t, err)
	if p, err := s.CheckOutboxIndex(ctx); err != nil || len(p) == 0 {
		t.Fatalf("a half-built index checks clean: %v", err)
	}
	var wg sync.WaitGroup
	stores := make([]*Store, 3)
	for i := range stores {
		wg.Go(func() {
			st, err := Open(ctx, Options{Client: sharedCli, Prefix: s.prefix, NormalizePhone: s.phone})
			if err != nil {
				t.Error(err)
			}
			stores[i] = st
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	for _, st := range stores {
		after, err := st.DueOutbox(ctx, t0.Add(5*time.Minute), 0)
		must(t, err)
		if g, w := storetestSummary(after), storetestSummary(before); g != w {
			t.Fatalf("after the build:\n%s\nbefore:\n%s", g, w)
		}
	}
}

// TestDueIndexConcurrentReplicas: two stores on one prefix (two
// replicas, each with its own group commit, so their transactions
// conflict in etcd) enqueue into the same few lanes and settle their
// heads at once; the index stays exactly the pending messages' (checked
// by openClean) and the outbox drains.
func TestDueIndexConcurrentReplicas(t *testing.T) {
	ctx := context.Background()
	a := openClean(t)
	b, err := Open(ctx, Options{Client: sharedCli, Prefix: a.prefix, NormalizePhone: a.phone})
	must(t, err)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for w, st := range []*Store{a, b, a, b} {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 9))
			for i := range 60 {
				m := conversations.OutboxMessage{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
					Recipient: fmt.Sprint(rng.IntN(3)), CreatedAt: t0}
				if w%2 == 1 {
					m = conversations.OutboxMessage{Transport: conversations.Slack, Kind: conversations.OutSlackCardUpdate,
						Recipient: "C1", CaseID: fmt.Sprint("RF-", rng.IntN(2)), CreatedAt: t0}
				}
				if err := st.Enqueue(ctx, m); err != nil {
					t.Error(err)
					return
				}
				if i%2 == 0 {
					continue
				}
				due, err := st.DueOutbox(ctx, t0.Add(time.Hour), 0)
				if err != nil {
					t.Error(err)
					return
				}
				for _, d := range due {
					switch rng.IntN(3) {
					case 0:
						err = st.OutboxSent(ctx, d.ID, t0, "ref")
					case 1:
						err = st.OutboxRetry(ctx, d.ID, t0.Add(time.Duration(rng.IntN(60))*time.Second), "429")
					default:
						for _, id := range d.Covers {
							if err = st.OutboxSent(ctx, id, t0, "ref"); err != nil {
								break
							}
						}
					}
					if err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	problems, err := a.CheckOutboxIndex(ctx)
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("after concurrent replicas: %q", problems)
	}
	for range 1000 {
		due, err := a.DueOutbox(ctx, t0.Add(time.Hour), 0)
		must(t, err)
		if len(due) == 0 {
			depth, _, err := a.OutboxStats(ctx, t0)
			must(t, err)
			if depth != 0 {
				t.Fatalf("nothing due, %d pending", depth)
			}
			return
		}
		for _, d := range due {
			must(t, b.OutboxSent(ctx, d.ID, t0, "ref"))
		}
	}
	t.Fatal("the outbox never drains")
}

func storetestSummary(ms []conversations.OutboxMessage) string {
	s := ""
	for _, m := range ms {
		s += fmt.Sprintf("%d %s %s %v %v\n", m.ID, m.Kind, m.Recipient, m.NextAt.UTC(), m.Covers)
	}
	return s
}
