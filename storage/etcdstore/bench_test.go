package etcdstore

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// The benchmarks mirror storage's (BenchmarkSaveStep, BenchmarkDecideBurst)
// on the three-member cluster of the tests, so the two engines' numbers
// stand side by side: etcd fsyncs its WAL on each of three members and
// replicates before a commit returns.

// BenchmarkEtcdSaveStep: durable dialogue steps (session and one outbox
// record) from 16 goroutines per CPU, as storage's BenchmarkSaveStep.
func BenchmarkEtcdSaveStep(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	b.SetParallelism(16)
	var n atomic.Int64
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			ss := conversations.Session{ChatID: i % 1000, Step: "lead_ids", Nonce: uint32(i), UpdatedAt: time.Now(),
				Draft: conversations.Draft{Reason: policy.ReasonNonResponsive, LeadIDs: []string{"L-1", "L-2"}}}
			out := []conversations.OutboxMessage{{Transport: conversations.Telegram, Kind: conversations.OutTelegramReply,
				Recipient: fmt.Sprint(i % 1000), Reply: &conversations.Reply{Text: "Send the lead IDs"}}}
			if err := s.SaveStep(ctx, conversations.Step{Session: ss, Outbox: out}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "steps/s")
	_ = runtime.GOMAXPROCS(0)
}

// BenchmarkEtcdApprove: approve clicks one at a time, and 180 at once
// (each its own case), as storage's BenchmarkDecideBurst; p50 and p99 of
// the Decide call (read, rules, one Txn).
func BenchmarkEtcdApprove(b *testing.B) {
	for _, burst := range []int{1, 180} {
		b.Run(fmt.Sprintf("at_once=%d", burst), func(b *testing.B) {
			ctx := context.Background()
			var lat []time.Duration
			for range b.N {
				b.StopTimer()
				s := openTest(b)
				t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
				const cases = 180
				must(b, s.UpsertProviders(ctx, []conversations.Provider{{ID: "P1", Name: "One", Phone: "+919876543210", OpeningBalance: 100 * cases}}, t0))
				var us []conversations.Unlock
				for i := range cases {
					us = append(us, conversations.Unlock{ProviderID: "P1", LeadID: fmt.Sprint("L-", i), Coins: 100, UnlockedAt: t0, Category: "x"})
				}
				_, err := s.RecordUnlocks(ctx, us)
				must(b, err)
				ids := make([]string, cases)
				for i := range cases {
					c, err := s.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{fmt.Sprint("L-", i)}, At: t0})
					must(b, err)
					ids[i] = c.ID
				}
				b.StartTimer()
				var mu sync.Mutex
				sem := make(chan struct{}, burst)
				var wg sync.WaitGroup
				for i, id := range ids {
					wg.Add(1)
					sem <- struct{}{}
					go func() {
						defer func() { <-sem; wg.Done() }()
						start := time.Now()
						_, err := s.Decide(ctx, conversations.Decision{CaseID: id, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
							By: "U1", At: t0, Leads: map[string]policy.LeadDecision{fmt.Sprint("L-", i): policy.LeadApproved}})
						d := time.Since(start)
						if err != nil {
							b.Error(err)
						}
						mu.Lock()
						lat = append(lat, d)
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
		})
	}
}
