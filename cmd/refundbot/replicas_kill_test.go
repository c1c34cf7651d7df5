package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// Jobs of the kill test: every job that only reads or sweeps runs each
// second, the digest (a Slack post) and the backup (an etcd snapshot) a
// little less often, so that a job's slot is live when a process dies.
const killJobs = `  sla-reminder: {spec: "@every 1s"}
  draft-expiry: {spec: "@every 1s"}
  info-expiry: {spec: "@every 1s"}
  daily-digest: {spec: "@every 5s"}
  backup: {spec: "@every 3s", keep: 2}
  evidence-retention: {spec: "@every 1s"}
  records-retention: {spec: "@every 1s"}`

// TestKillReplicaAndEtcdMemberMidRun is issue 15's kill test with real
// processes: two `refundbot serve` replicas on a three-member etcd
// cluster, the fake Telegram and Slack in this process. Providers file
// cases over Telegram while an agent double-clicks Approve on each card,
// the two clicks going to the two replicas. After a few acknowledged
// cases the leading replica is killed with SIGKILL (the other takes over,
// the dead one is started again), after a few more so is etcd's Raft
// leader (started again two seconds later), and then the new leading
// replica (the restarted one takes over). Then:
//
//   - every case the bot acknowledged to its provider exists, with its
//     lead, and there is no other case;
//   - every click answered 200 found its case approved, or the approver
//     was told it did not work;
//   - every lead is credited once (one ledger entry per idempotency key)
//     and every wallet is back to its opening balance;
//   - every provider was told of the approval;
//   - no job ran twice for one slot (the replicas' logs of `job done`),
//     and the jobs ran on the new leader after the first kill;
//   - `refundbot verify`, a process, exits 0, and the replicas stopped
//     with SIGTERM exit 0 (with no data race, under -race).
func TestKillReplicaAndEtcdMemberMidRun(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	const providers, casesEach = 6, 2
	type lead struct {
		id    string
		coins int64
	}
	leadsOf := func(p int) []lead {
		var ls []lead
		for k := range casesEach {
			ls = append(ls, lead{fmt.Sprintf("L-%d%02d", p+1, k+1), int64(40 + 10*p + k)})
		}
		return ls
	}
	seedCfg := r.config("seed", freePort(t), killJobs)
	provCSV := "provider_id,name,phone,language,opening_balance\n"
	unlockCSV := "provider_id,lead_id,coins,unlocked_at,category\n"
	at := time.Now().Add(-72 * time.Hour).UTC().Format(time.RFC3339)
	for p := range providers {
		provCSV += fmt.Sprintf("P-%d,Provider %d,+9198765432%02d,en,1000\n", p+1, p+1, p+1)
		for _, l := range leadsOf(p) {
			unlockCSV += fmt.Sprintf("P-%d,%s,%d,%s,Plumbing\n", p+1, l.id, l.coins, at)
		}
	}
	for _, imp := range []struct{ kind, csv string }{{"providers", provCSV}, {"unlocks", unlockCSV}} {
		file := writeFile(t, r.dir, imp.kind+".csv", imp.csv)
		if out, errs, code := runArgs(t, nil, "import", imp.kind, file, "--config", seedCfg); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", imp.kind, code, out, errs)
		}
	}
	store := r.open(seedCfg)

	reps := []*replica{r.newReplica("a", killJobs), r.newReplica("b", killJobs)}
	r.start(reps[0])
	if !until(20*time.Second, func() bool { return reps[0].role() == "leader" }) {
		t.Fatalf("a does not lead:\n%s", reps[0].proc.tail())
	}
	r.start(reps[1])
	if !until(20*time.Second, func() bool { return reps[1].role() == "follower" }) {
		t.Fatalf("b is not a follower:\n%s", reps[1].proc.tail())
	}

	var (
		mu     sync.Mutex
		filed  = map[string]string{} // case ID → lead, as acknowledged
		fails  []error
		acked  atomic.Int32
		chats  []*chat
		stopAg = make(chan struct{})
		clicks clickStats
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		fails = append(fails, err)
	}

	// The agent: each card that appears is approved by its own approver,
	// with a double click, one click to each replica.
	var agents sync.WaitGroup
	agents.Go(func() {
		started := map[string]bool{}
		var each sync.WaitGroup
		defer each.Wait()
		for n := 0; ; {
			select {
			case <-stopAg:
				return
			case <-time.After(50 * time.Millisecond):
			}
			for id, ts := range cards(r.sl) {
				if started[id] {
					continue
				}
				started[id] = true
				i := n
				n++
				each.Go(func() {
					if err := approveCard(ctx, r, store, reps, &clicks, i, id, ts); err != nil {
						fail(err)
					}
				})
			}
		}
	})

	// The chaos: SIGKILL the leading replica after 3 acknowledged cases
	// (and start it again: it follows), etcd's Raft leader after 6 (and
	// start it again 2 s later), the leading replica again after 9: the
	// restarted one takes over this time.
	var killedAt time.Time
	var killedName string
	chaos := make(chan error, 1)
	go func() {
		chaos <- func() error {
			for _, step := range []struct {
				acked int
				etcd  bool
			}{{3, false}, {6, true}, {9, false}} {
				if !until(60*time.Second, func() bool { return acked.Load() >= int32(step.acked) }) {
					return fmt.Errorf("chaos: %d cases never acknowledged", step.acked)
				}
				if step.etcd {
					if err := killEtcdLeader(t, r); err != nil {
						return err
					}
					continue
				}
				at, name, err := killLeader(t, r, reps)
				if err != nil {
					return err
				}
				if killedAt.IsZero() {
					killedAt, killedName = at, name
				}
			}
			return nil
		}()
	}()

	// The providers: each links, then files its cases one after another.
	var provs sync.WaitGroup
	var retried atomic.Int64
	for p := range providers {
		c := &chat{tg: r.tg, user: int64(5001 + p), bound: 25 * time.Second, retried: &retried}
		chats = append(chats, c)
		provs.Go(func() {
			if err := c.link(fmt.Sprintf("9198765432%02d", p+1)); err != nil {
				fail(err)
				return
			}
			for k, l := range leadsOf(p) {
				photo := fmt.Appendf(nil, "\x89PNG provider %d case %d", p+1, k+1)
				id, err := c.file(l.id, l.coins, photo)
				if err != nil {
					fail(err)
					return
				}
				mu.Lock()
				filed[id] = fmt.Sprintf("P-%d/%s", p+1, l.id)
				mu.Unlock()
				acked.Add(1)
			}
		})
	}
	provs.Wait()
	if err := <-chaos; err != nil {
		t.Error(err)
	}
	// Every card approved (or the agent gave up and said why).
	until(40*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		for id := range filed {
			c, err := store.Store.Case(ctx, id)
			if err != nil || c.State != policy.StateApproved {
				return false
			}
		}
		return true
	})
	close(stopAg)
	agents.Wait()
	for _, err := range fails {
		t.Error(err)
	}
	t.Logf("agent: %d clicks, %d answered 200, %d rounds clicked again; %d error notices", clicks.clicks.Load(), clicks.ok.Load(), clicks.again.Load(), errorNotices(r))
	t.Logf("providers: %d messages sent again after the bot said a step failed", retried.Load())
	if t.Failed() {
		t.FailNow()
	}

	// What the providers were told is what the store holds.
	if len(filed) != providers*casesEach {
		t.Fatalf("%d cases acknowledged, want %d", len(filed), providers*casesEach)
	}
	all, err := store.Store.Cases(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(filed) {
		t.Errorf("the store holds %d cases, the providers were told of %d", len(all), len(filed))
	}
	for id, want := range filed {
		c, err := store.Store.Case(ctx, id)
		if err != nil {
			t.Errorf("acknowledged case %s: %v", id, err)
			continue
		}
		got := c.ProviderID + "/"
		for _, l := range c.Leads {
			got += l.LeadID
		}
		if got != want || c.State != policy.StateApproved {
			t.Errorf("case %s is %s in state %s, want %s approved", id, got, c.State, want)
		}
	}
	for p := range providers {
		w, err := store.Store.Wallet(ctx, fmt.Sprintf("P-%d", p+1))
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]int{}
		for _, e := range w.Entries {
			keys[e.Key]++
			if e.Kind == conversations.EntryRefund && keys[e.Key] > 1 {
				t.Errorf("P-%d: ledger key %s %d times", p+1, e.Key, keys[e.Key])
			}
		}
		for id, pl := range filed {
			if prov, l, _ := strings.Cut(pl, "/"); prov == w.ProviderID {
				if k := "refund:" + id + ":" + l; keys[k] != 1 {
					t.Errorf("%s: %d ledger entries with key %s, want 1 (keys %v)", prov, keys[k], k, keys)
				}
			}
		}
		if w.Balance != 1000 {
			t.Errorf("P-%d: balance %d, want 1000 (every unlock refunded once)", p+1, w.Balance)
		}
	}
	for p, c := range chats {
		for id, pl := range filed {
			if strings.HasPrefix(pl, fmt.Sprintf("P-%d/", p+1)) {
				want := "Your case " + id + " is approved"
				if !until(20*time.Second, func() bool { return c.told(want) }) {
					t.Errorf("P-%d never told %q; the chat:\n%s", p+1, want, c.transcript())
				}
			}
		}
	}

	// The replicas stop cleanly; every job ran at most once a slot.
	for _, rp := range reps {
		if err := rp.proc.stop(); err != nil {
			t.Errorf("%s stopped with %v:\n%s", rp.name, err, rp.proc.tail())
		}
	}
	var logs []string
	for _, rp := range reps {
		logs = append(logs, rp.logs...)
	}
	checkJobRuns(t, logs, killedAt, killedName)
	if out, errs, code := runChild(t, "verify", "--config", seedCfg); code != 0 {
		t.Errorf("refundbot verify: exit %d\n%s%s", code, out, errs)
	}
}

// killLeader SIGKILLs the leading replica, waits for the other to take
// over and starts the killed one again, as a follower.
func killLeader(t *testing.T, r *rig, reps []*replica) (time.Time, string, error) {
	var leader, other *replica
	for i, rp := range reps {
		if rp.role() == "leader" {
			leader, other = rp, reps[1-i]
		}
	}
	if leader == nil {
		return time.Time{}, "", errors.New("chaos: no replica leads")
	}
	leader.proc.kill()
	at := time.Now()
	if !until(15*time.Second, func() bool { return other.role() == "leader" }) {
		return at, leader.name, fmt.Errorf("chaos: %s does not take over after %s was killed:\n%s", other.name, leader.name, other.proc.tail())
	}
	t.Logf("failover: %s killed → %s leads in %s (lease 1 s)", leader.name, other.name, time.Since(at).Round(time.Millisecond))
	r.start(leader)
	if !until(20*time.Second, func() bool { return leader.role() == "follower" }) {
		return at, leader.name, fmt.Errorf("chaos: restarted %s is not a follower:\n%s", leader.name, leader.proc.tail())
	}
	return at, leader.name, nil
}

// killEtcdLeader SIGKILLs etcd's Raft leader and starts it again 2 s later.
func killEtcdLeader(t *testing.T, r *rig) error {
	m := r.etcdLeader(t.Context())
	if m == nil {
		return errors.New("chaos: etcd has no leader")
	}
	m.Kill()
	t.Logf("etcd member %s (Raft leader) killed", m.Name)
	time.Sleep(2 * time.Second)
	bin, err := etcdtest.Binary()
	if err != nil {
		return err
	}
	return m.Start(bin, "existing")
}

// clickStats count the agent's clicks: all, answered 200, and rounds
// that left the case undecided (so the agent clicked again).
type clickStats struct{ clicks, ok, again atomic.Int32 }

// approveCard is an agent on the i-th card: a double click (one click to
// each replica, the first alternating) until the case is approved. A
// click answered 200 must leave the case approved, unless the approver is
// shown that it did not work.
func approveCard(ctx context.Context, r *rig, store *app.App, reps []*replica, st *clickStats, i int, id, ts string) error {
	user := rigApprover(i)
	deadline := time.Now().Add(45 * time.Second)
	for round := 0; ; round++ {
		told := ephemeralsWith(r.sl, user, errorText)
		var oks atomic.Int32
		var wg sync.WaitGroup
		for j := range 2 {
			url := reps[(i+round+j)%2].url
			wg.Go(func() {
				rep, err := r.sl.ClickButton(ctx, url, user, rigChannel, ts, "approve_all")
				st.clicks.Add(1)
				if err == nil && rep.StatusCode == 200 {
					oks.Add(1)
					st.ok.Add(1)
				}
			})
		}
		wg.Wait()
		c, err := caseState(ctx, store, id)
		if err != nil {
			return fmt.Errorf("read %s after a click: %w", id, err)
		}
		if c.State == policy.StateApproved {
			return nil
		}
		st.again.Add(1)
		if n := int(oks.Load()); n > 0 && !until(10*time.Second, func() bool { return ephemeralsWith(r.sl, user, errorText) >= told+n }) {
			return fmt.Errorf("case %s: %d click(s) answered 200, the case is %s, and the approver was not told it failed (ephemerals %v)",
				id, n, c.State, r.sl.Ephemerals(user))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("case %s still %s after %d rounds of clicks", id, c.State, round+1)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// errorNotices counts the "did not work" notices of all approvers.
func errorNotices(r *rig) int {
	n := 0
	for i := range rigApprovers {
		n += ephemeralsWith(r.sl, rigApprover(i), errorText)
	}
	return n
}

// checkJobRuns reads the replicas' JSON logs: no job is done twice for
// one slot, and the jobs that run each second ran after the leader was
// killed on another replica. The errors they logged are listed.
func checkJobRuns(t *testing.T, logs []string, killedAt time.Time, killed string) {
	t.Helper()
	type run struct{ job, slot string }
	seen := map[run]string{}
	after := map[string]bool{}
	errs := map[string]int{} // errors the replicas logged, for the record
	for _, path := range logs {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec struct {
				Level string `json:"level"`
				Msg   string `json:"msg"`
				Job   string `json:"job"`
				Slot  string `json:"slot"`
				Err   string `json:"error"`
				Err2  string `json:"err"`
			}
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			if rec.Level == "ERROR" || rec.Level == "WARN" && strings.HasPrefix(rec.Msg, "slack") {
				errs[fmt.Sprintf("%s: %s: %.200s", filepath.Base(path), rec.Msg, rec.Err+rec.Err2)]++
			}
			if rec.Msg != "job done" {
				continue
			}
			k := run{rec.Job, rec.Slot}
			if rec.Job == conversations.JobEvidenceRetention {
				// Each replica prunes its own cache: once a slot per
				// replica (a, b), whatever its restarts (a-0, a-1, …).
				k.slot += " on " + strings.SplitN(filepath.Base(path), "-", 2)[0]
			}
			if where, dup := seen[k]; dup {
				t.Errorf("job %s done twice for slot %s: in %s and %s", rec.Job, rec.Slot, where, path)
			}
			seen[k] = path
			if slot, err := time.Parse(time.RFC3339Nano, rec.Slot); err == nil && slot.After(killedAt) && !strings.Contains(path, "/"+killed+"-0.log") {
				after[rec.Job] = true
			}
		}
		if err := sc.Err(); err != nil {
			t.Errorf("read %s: %v", path, err)
		}
		f.Close()
	}
	for _, j := range []string{"sla-reminder", "draft-expiry", "info-expiry", "evidence-retention", "records-retention"} {
		if !after[j] {
			t.Errorf("job %s never ran after the leader was killed", j)
		}
	}
	t.Logf("%d job slots done in all", len(seen))
	for e, n := range errs {
		t.Logf("logged %d× %s", n, e)
	}
}
