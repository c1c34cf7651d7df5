package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

const benchProviders = 8

// BenchmarkDecide measures submit + decide (approve, one credit) + an
// adjustment credit from parallel goroutines, three durable commits per
// op, then runs a raw bbolt commit loop (same value size, fsync on, same
// number of goroutines, the same number of commits) in the same run and
// reports both rates and their ratio.
func BenchmarkDecide(b *testing.B) {
	ctx := context.Background()
	db, _ := openTest(b)
	seed(b, db, benchProviders, b.N/benchProviders+1)
	b.SetParallelism(4)
	goroutines := 4 * runtime.GOMAXPROCS(0)
	var n atomic.Int64
	var valueSize atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1)) - 1
			p, j := i%benchProviders+1, i/benchProviders+1
			lead := leadOf(p, j)
			c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: pid(p), Reason: policy.ReasonInvalidLead, LeadIDs: []string{lead}, At: t0})
			if err != nil {
				b.Error(err)
				return
			}
			c, err = db.Decide(ctx, conversations.Decision{CaseID: c.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
				By: "U1", At: t0, Leads: map[string]policy.LeadDecision{lead: policy.LeadApproved}})
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := db.Credit(ctx, conversations.Entry{ProviderID: pid(p), Kind: conversations.EntryAdjustment, Coins: 1, Key: fmt.Sprint("bench:", i), At: t0}); err != nil {
				b.Error(err)
				return
			}
			if valueSize.Load() == 0 {
				data, _ := json.Marshal(c)
				valueSize.Store(int64(len(data)))
			}
		}
	})
	storeElapsed := time.Since(start)
	b.StopTimer()
	commits := 3 * b.N
	rawElapsed := rawCommitLoop(b, goroutines, commits, int(valueSize.Load()))
	storeRate := float64(commits) / storeElapsed.Seconds()
	rawRate := float64(commits) / rawElapsed.Seconds()
	b.ReportMetric(float64(b.N)/storeElapsed.Seconds(), "decisions/s")
	b.ReportMetric(storeRate, "store_commits/s")
	b.ReportMetric(rawRate, "raw_commits/s")
	b.ReportMetric(storeRate/rawRate, "ratio")
	mustClean(b, db)
}

// rawCommitLoop commits total Puts of size-byte values under sequence keys
// from goroutines writers on a fresh bbolt file, fsync on, and returns the
// time it took.
func rawCommitLoop(b *testing.B, goroutines, total, size int) time.Duration {
	raw, err := bolt.Open(filepath.Join(b.TempDir(), "raw.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	name := []byte("raw")
	must(b, raw.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket(name); return err }))
	value := make([]byte, size)
	var left atomic.Int64
	left.Store(int64(total))
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for left.Add(-1) >= 0 {
				err := raw.Update(func(tx *bolt.Tx) error {
					bk := tx.Bucket(name)
					seq, err := bk.NextSequence()
					if err != nil {
						return err
					}
					return bk.Put(u64(seq), value)
				})
				if err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// BenchmarkSaveStep measures durable conversation steps (session + one
// reply in the outbox, group-committed) from parallel goroutines against a
// raw bbolt Update loop with the same value size and goroutines.
func BenchmarkSaveStep(b *testing.B) {
	ctx := context.Background()
	db, _ := openTest(b)
	b.SetParallelism(16)
	goroutines := 16 * runtime.GOMAXPROCS(0)
	var n atomic.Int64
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			s := conversations.Session{ChatID: i % 1000, Step: "lead_ids", Nonce: uint32(i), UpdatedAt: t0,
				Draft: conversations.Draft{Reason: policy.ReasonNonResponsive, LeadIDs: []string{"L-1", "L-2"}}}
			if err := db.SaveStep(ctx, conversations.Step{Session: s, Outbox: []conversations.OutboxMessage{tg(fmt.Sprint(i%1000), "Send the lead IDs")}}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	rawElapsed := rawCommitLoop(b, goroutines, b.N, 400)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "steps/s")
	b.ReportMetric(float64(b.N)/rawElapsed.Seconds(), "raw_commits/s")
	b.ReportMetric(rawElapsed.Seconds()/elapsed.Seconds(), "ratio")
}

// BenchmarkDecideBurst measures a burst of 180 approvals of 180 cases at
// once, as `refundbot load` clicks them, fsync on, and reports the p99 of
// one decision's latency (click → committed).
func BenchmarkDecideBurst(b *testing.B) {
	const burst = 180
	ctx := context.Background()
	var lat []time.Duration
	for range b.N {
		b.StopTimer()
		db, _ := openTest(b)
		seed(b, db, 1, burst)
		ids := make([]string, burst)
		for i := range burst {
			c, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: "P1", Reason: policy.ReasonInvalidLead, LeadIDs: []string{leadOf(1, i+1)}, At: t0})
			if err != nil {
				b.Fatal(err)
			}
			ids[i] = c.ID
		}
		took := make([]time.Duration, burst)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range burst {
			wg.Go(func() {
				<-start
				t := time.Now()
				if _, err := db.Decide(ctx, conversations.Decision{CaseID: ids[i], Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
					By: "U1", At: t0, Leads: map[string]policy.LeadDecision{leadOf(1, i+1): policy.LeadApproved}}); err != nil {
					b.Error(err)
				}
				took[i] = time.Since(t)
			})
		}
		b.StartTimer()
		close(start)
		wg.Wait()
		lat = append(lat, took...)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}

// scanSimilar answers OpenSimilar as the store did before the index: from
// every open case.
type scanSimilar struct{ *DB }

func (s scanSimilar) OpenSimilar(ctx context.Context, c conversations.Case) (conversations.OpenSimilar, error) {
	open, err := s.OpenCases(ctx)
	return conversations.OpenSimilarOf(c, open), err
}

// BenchmarkCaseViewSimilar measures what a card's render reads (CaseView)
// with 200 open cases of one kind: from the similar-case index, and from
// every open case as before it.
func BenchmarkCaseViewSimilar(b *testing.B) {
	ctx := context.Background()
	db, _ := openTest(b)
	seed(b, db, 200, 1)
	for i := 1; i <= 200; i++ {
		if _, err := db.SubmitCase(ctx, conversations.NewCase{ProviderID: pid(i), Reason: policy.ReasonInvalidLead,
			Answers: map[string]string{policy.QWhat: "wrong_number"}, LeadIDs: []string{leadOf(i, 1)}, At: t0}); err != nil {
			b.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		st   conversations.DeskStore
	}{{"index", db}, {"scan", scanSimilar{db}}} {
		desk := conversations.NewDesk(conversations.DeskOptions{Store: tc.st, Policy: policy.Default()})
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				v, err := desk.CaseView(ctx, "RF-100")
				if err != nil || v.Similar != 199 {
					b.Fatalf("view: %d similar, %v", v.Similar, err)
				}
			}
		})
	}
}
