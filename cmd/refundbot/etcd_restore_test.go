package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
	"github.com/rockerstop/refundbot/storage/etcdstore/etcdtest"
)

// restoreTool finds what turns an etcd snapshot into a data directory:
// etcdutl (etcd 3.5 and later), else etcdctl (Debian's etcd-client, 3.4;
// 3.5 still has it, deprecated).
func restoreTool() (string, error) {
	if p, err := exec.LookPath("etcdutl"); err == nil {
		return p, nil
	}
	p, err := exec.LookPath("etcdctl")
	if err != nil {
		return "", fmt.Errorf("neither etcdutl nor etcdctl (apt-get install etcd-client): %w", err)
	}
	return p, nil
}

// TestBackupRestoresOnEtcd is issue 15's "backup produces a snapshot that
// restores": cases are filed and decided on a three-member cluster,
// `refundbot backup` (a process) writes a snapshot, one more case is
// decided after it, the whole cluster is lost, and the snapshot is
// restored into a new one-member cluster with the commands of the
// README's "Restoring a snapshot". There `refundbot verify` (a process)
// exits 0 and `wallet show` and `case show` print exactly what they
// printed when the backup was taken: the decision made after it is not
// there.
func TestBackupRestoresOnEtcd(t *testing.T) {
	cl, err := etcdtest.Start(t.TempDir(), 3)
	etcdtest.Need(t, err)
	t.Cleanup(cl.Stop)
	tool, err := restoreTool()
	etcdtest.Need(t, err)
	etcdBin, err := etcdtest.Binary()
	etcdtest.Need(t, err)
	ctx := t.Context()
	dir := t.TempDir()
	cfgFor := func(name, endpoint string) string {
		return writeFile(t, dir, name, strings.Join([]string{
			"storage:",
			"  path: " + filepath.Join(dir, "unused.db"),
			"  backend: etcd",
			"  etcd: {endpoints: [\"" + endpoint + "\"], prefix: \"desk/\", lease_seconds: 2}",
			"log: {level: warn}",
			"",
		}, "\n"))
	}
	cfg := cfgFor("cluster.yaml", strings.Join(cl.Endpoints(), `", "`))

	// Two providers, six leads, four cases: approved, partly approved,
	// rejected and one left open.
	at := time.Now().Add(-72 * time.Hour).UTC().Format(time.RFC3339)
	for _, imp := range []struct{ kind, csv string }{
		{"providers", "provider_id,name,phone,language,opening_balance\nP-1,Asha,+919876543210,en,1000\nP-2,Ravi,+919812345678,hi,500\n"},
		{"unlocks", "provider_id,lead_id,coins,unlocked_at,category\n" +
			"P-1,L-1,120," + at + ",Plumbing\nP-1,L-2,80," + at + ",Plumbing\nP-1,L-3,50," + at + ",Plumbing\n" +
			"P-2,L-4,60," + at + ",Tutoring\nP-2,L-5,40," + at + ",Tutoring\nP-2,L-6,30," + at + ",Tutoring\n"},
	} {
		file := writeFile(t, dir, imp.kind+".csv", imp.csv)
		if out, errs, code := runArgs(t, nil, "import", imp.kind, file, "--config", cfg); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", imp.kind, code, out, errs)
		}
	}
	a := (&rig{t: t}).open(cfg)
	desk := conversations.NewDesk(conversations.DeskOptions{Store: a.Store, Policy: policy.Default(), Approvers: []string{"UA", "UB"}, SlackChannel: "C"})
	now := time.Now()
	file := func(provider string, leads ...string) string {
		t.Helper()
		c, err := a.Store.SubmitCase(ctx, conversations.NewCase{ProviderID: provider, Reason: policy.ReasonInvalidLead, LeadIDs: leads, At: now})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	decided := func(_ conversations.Case, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	approved, partly, rejected, open := file("P-1", "L-1", "L-2"), file("P-2", "L-4", "L-5"), file("P-2", "L-6"), file("P-1", "L-3")
	decided(desk.ApproveAll(ctx, approved, "UA", now))
	decided(desk.ApproveSome(ctx, partly, "UB", []string{"L-4"}, "one was fine", now))
	decided(desk.Reject(ctx, rejected, "UA", string(policy.RejectLeadValid), "the client answered", now))

	show := func(cfg string) map[string]string {
		t.Helper()
		out := map[string]string{}
		for _, args := range [][]string{
			{"wallet", "show", "P-1", "--json"}, {"wallet", "show", "P-2", "--json"},
			{"case", "show", approved, "--json"}, {"case", "show", partly, "--json"},
			{"case", "show", rejected, "--json"}, {"case", "show", open, "--json"},
		} {
			stdout, errs, code := runArgs(t, nil, append(args, "--config", cfg)...)
			if code != 0 {
				t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), code, errs)
			}
			out[strings.Join(args[:3], " ")] = stdout
		}
		return out
	}
	before := show(cfg)
	snap := filepath.Join(dir, "desk.snapshot")
	if out, errs, code := runChild(t, "backup", "--out", snap, "--config", cfg); code != 0 || !strings.Contains(out, "etcd snapshot written") {
		t.Fatalf("refundbot backup: exit %d\n%s%s", code, out, errs)
	}
	// A decision after the backup: the restored desk must not have it.
	decided(desk.ApproveAll(ctx, open, "UB", now))
	if after := show(cfg); after["case show "+open] == before["case show "+open] {
		t.Fatalf("case %s did not change after the backup", open)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	cl.Stop() // every member lost

	// Restore, as the README says, into a new one-member cluster.
	client, peer := fmt.Sprintf("http://127.0.0.1:%d", freePort(t)), fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	data := filepath.Join(dir, "restored")
	restore := exec.Command(tool, "snapshot", "restore", snap, "--data-dir", data,
		"--name", "r1", "--initial-cluster", "r1="+peer, "--initial-advertise-peer-urls", peer)
	restore.Env = append(os.Environ(), "ETCDCTL_API=3")
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("%s snapshot restore: %v\n%s", filepath.Base(tool), err, out)
	}
	member := exec.Command(etcdBin, "--name", "r1", "--data-dir", data,
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "r1="+peer,
		"--log-level", "error", "--logger", "zap")
	member.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := member.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = member.Process.Kill(); _ = member.Wait() })
	cli, err := etcdtest.Client(client)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	if !until(20*time.Second, func() bool {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, err := cli.Get(c, "desk/")
		return err == nil
	}) {
		t.Fatal("the restored member does not answer")
	}

	restored := cfgFor("restored.yaml", client)
	if out, errs, code := runChild(t, "verify", "--config", restored); code != 0 || !strings.Contains(out, "verify OK") {
		t.Fatalf("refundbot verify on the restored member: exit %d\n%s%s", code, out, errs)
	}
	got := show(restored)
	for k, want := range before {
		if got[k] != want {
			t.Errorf("%s on the restored member:\n%s\nwhen the backup was taken:\n%s", k, got[k], want)
		}
	}
}
