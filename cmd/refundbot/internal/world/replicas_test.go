package world

import (
	"net/http"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// readyz reads a replica's /readyz (code 0: no answer).
func readyz(t *testing.T, w *World) (code int, role string, ready bool) {
	t.Helper()
	r, err := w.Readyz(t.Context())
	if err != nil && r.Code == 0 {
		return 0, "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r.Code, r.Role, r.Ready
}

// TestTwoReplicasOnEtcd runs two serve replicas on a three-member etcd
// cluster with the fake Telegram and Slack: one leads and polls Telegram,
// the other is a ready follower. A provider starts a refund on the
// leader; the leader dies (its etcd client closed, no resign: its lease
// expires); the follower takes over, handles the provider's next message,
// the case is filed, its card posted, and an approval through the
// surviving replica credits once; verify is clean. The failover time
// (leader killed → the provider's next message answered) is logged.
func TestTwoReplicasOnEtcd(t *testing.T) {
	r := startReplicas(t, "replicas/", t.TempDir(), t.TempDir(), nil)
	a, b, e := r.a, r.b, r.e
	ctx := t.Context()
	if code, role, ready := readyz(t, b); code != http.StatusOK || role != "follower" || !ready {
		t.Fatalf("b's /readyz: %d role %q ready %v; want 200, a ready follower", code, role, ready)
	}

	const asha = 1001
	tg, sl := a.TG, a.Slack
	e.toLeadStep(asha)

	// The leader dies as kill -9 would leave it: its store gone at once
	// (no resign, no revoke: its lease expires), its loops stopping.
	killed := time.Now()
	a.Kill()
	tg.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	t.Logf("failover: leader killed → the provider's next message answered by the other replica in %s (lease 1s)", time.Since(killed).Round(time.Millisecond))
	if _, role, _ := readyz(t, b); role != "leader" {
		t.Fatalf("b's role %q after a died, want leader", role)
	}
	e.submitWithScreenshot(asha, "RF-1")
	cardTS := e.cardTS("RF-1")
	for range 2 { // a double click: one credit
		if _, err := sl.ClickButton(ctx, b.URL, FakeAgents()[0].ID, FakeChannel, cardTS, "approve_all"); err != nil {
			t.Fatal(err)
		}
	}
	e.botSays(asha, "120 coins are back in your wallet. Your balance is now 1000 coins")
	w, err := b.App.Store.Wallet(ctx, "P-1001")
	if err != nil {
		t.Fatal(err)
	}
	refunds := 0
	for _, en := range w.Entries {
		if en.Kind == conversations.EntryRefund {
			refunds++
		}
	}
	if w.Balance != 1000 || refunds != 1 {
		t.Fatalf("balance %d with %d refund entries; want 1000 and one", w.Balance, refunds)
	}
	problems, err := b.App.Store.Verify(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("verify: %q %v", problems, err)
	}
}

// replicas are two serve replicas, a and b, on a three-member etcd
// cluster, sharing the fake Telegram and Slack: a leads (with a Asha and
// her lead L-2001 seeded), b is a ready follower. wireA may adjust a's
// wiring.
type replicas struct {
	a, b *World
	e    *e2e
}

func startReplicas(t *testing.T, prefix, dirA, dirB string, wireA func(*app.System)) *replicas {
	t.Helper()
	cl, err := etcdtest.Start(t.TempDir(), 3)
	etcdtest.Need(t, err)
	t.Cleanup(cl.Stop)
	etcd := &app.EtcdConfig{Endpoints: cl.Endpoints(), Prefix: prefix, LeaseSeconds: 1, DialTimeout: "2s"}
	ctx := t.Context()
	a, b, err := StartReplicas(ctx, Options{Dir: dirA, Etcd: etcd, Wire: wireA}, Options{Dir: dirB, Etcd: etcd})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("stop b: %v", err)
		}
		a.Close() // killed by the tests: its loops' end, and the fakes
	})
	at := time.Now().Add(-72 * time.Hour)
	if err := a.App.Store.UpsertProviders(ctx, []conversations.Provider{{ID: "P-1001", Name: "Asha", Phone: "+919876543210", Language: "en", OpeningBalance: 1000}}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Store.RecordUnlocks(ctx, []conversations.Unlock{{ProviderID: "P-1001", LeadID: "L-2001", Coins: 120, UnlockedAt: at, Category: "Plumbing"}}); err != nil {
		t.Fatal(err)
	}
	return &replicas{a: a, b: b, e: &e2e{t: t, w: a}}
}

// toLeadStep links Asha and walks her to the lead step of an invalid-lead
// refund.
func (e *e2e) toLeadStep(asha int64) {
	e.t.Helper()
	tg := e.w.TG
	tg.UserSends(asha, "/start")
	e.botSays(asha, "share the phone number")
	tg.UserSharesContact(asha, "919876543210", asha, false)
	e.botSays(asha, "now linked")
	tg.UserSends(asha, "/refund")
	e.botSays(asha, "Choose the reason")
	e.tap(asha, "Invalid lead")
	e.botSays(asha, "What was wrong")
	e.tap(asha, "Wrong or fake number")
	e.botSays(asha, "Send the ID of the lead")
}
