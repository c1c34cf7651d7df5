package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/policy"
)

// demoAgent is the Slack user the scripted refund is decided by.
const demoAgent = "U0DEMOAGENT"

// demoProviders is the sample providers CSV: three providers, one who
// reads Hindi.
const demoProviders = `provider_id,name,phone,language,opening_balance
P-1001,Ramesh Kumar,+91 98100 12345,en,1500
P-1002,Sunita Sharma,98200 23456,hi,800
P-1003,Mehta Electricals,097300 34567,en,1200
`

// demoUnlocks returns the sample unlocks CSV with times relative to now.
func demoUnlocks(now time.Time) string {
	rows := []struct {
		provider, lead string
		coins          int
		ago            time.Duration
		category       string
	}{
		{"P-1001", "L-2001", 120, 26 * time.Hour, "Plumbing"},
		{"P-1001", "L-2002", 350, 5 * 24 * time.Hour, "Plumbing"},
		{"P-1001", "L-2003", 80, 50 * time.Hour, "Water Tank Cleaning"},
		{"P-1002", "L-2004", 60, 3 * time.Hour, "House Cleaning"},
		{"P-1002", "L-2005", 40, 4 * 24 * time.Hour, "Beauty Services"},
		{"P-1003", "L-2006", 250, 30 * time.Hour, "Electrician"},
		{"P-1003", "L-2007", 180, 9 * 24 * time.Hour, "AC Repair"},
	}
	var b strings.Builder
	b.WriteString("provider_id,lead_id,coins,unlocked_at,category\n")
	for _, r := range rows {
		at := now.Add(-r.ago).Truncate(time.Minute).Format(time.RFC3339)
		fmt.Fprintf(&b, "%s,%s,%d,%s,%s\n", r.provider, r.lead, r.coins, at, r.category)
	}
	return b.String()
}

// runDemo seeds sample providers and unlocks into a fresh database (a
// temporary directory, or --data DIR, kept afterwards) and runs one
// scripted refund through the domain store: submit, approve, credit. It
// needs no config file and no tokens. The browser playground with the
// Telegram and Slack fakes is not built yet; --addr is accepted for it.
func runDemo(ctx context.Context, c *cli) error {
	dir := c.flag("data")
	if dir == "" {
		tmp, err := os.MkdirTemp("", "refundbot-demo-*")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	cfg := defaultConfig()
	cfg.Storage = StorageConfig{
		Path:        filepath.Join(dir, "refundbot.db"),
		BackupDir:   filepath.Join(dir, "backups"),
		EvidenceDir: filepath.Join(dir, "evidence"),
	}
	a, err := newApp(ctx, cfg, deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	out := c.stdout
	fmt.Fprintf(out, "refundbot demo: database %s\n\n", cfg.Storage.Path)
	if err := a.seedDemo(ctx, out); err != nil {
		return err
	}
	if err := a.demoRefund(ctx, out); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nNot built yet: the browser playground (Telegram and Slack on built-in fakes).")
	if addr := c.flag("addr"); addr != "" {
		fmt.Fprintf(out, "--addr %s is accepted for it and unused for now.\n", addr)
	}
	if c.flag("data") != "" {
		fmt.Fprintf(out, "The data stays in %s: with storage.path: %s in a config file, try\n"+
			"  refundbot wallet show P-1001 --config FILE  and  refundbot case show RF-1 --config FILE\n", dir, cfg.Storage.Path)
	}
	return nil
}

// seedDemo imports the sample CSVs unless the database has them already.
func (a *app) seedDemo(ctx context.Context, out io.Writer) error {
	if _, err := a.store.Provider(ctx, "P-1001"); err == nil {
		fmt.Fprintln(out, "Sample data is already in this database; not importing it again.")
	} else {
		now := a.clock.Now()
		for _, f := range []struct {
			name string
			csv  string
			imp  importer
			at   time.Time // the opening balances predate the sample unlocks
		}{
			{"providers.csv", demoProviders, importProviders, now.Add(-10 * 24 * time.Hour)},
			{"unlocks.csv", demoUnlocks(now), importUnlocks, now},
		} {
			opts := importOptions{region: a.cfg.Phone.DefaultRegion, now: f.at}
			res, err := f.imp(ctx, a.store, strings.NewReader(f.csv), opts)
			if err != nil || len(res.bad) > 0 {
				return fmt.Errorf("demo: sample %s did not import (%v, %v)", f.name, err, res.bad)
			}
			fmt.Fprintf(out, "Imported sample %s: %d new\n", f.name, res.fresh)
		}
	}
	fmt.Fprintln(out, "\nWallets:")
	for _, id := range []string{"P-1001", "P-1002", "P-1003"} {
		p, err := a.store.Provider(ctx, id)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		w, err := a.store.Wallet(ctx, id)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintf(out, "  %s  %-18s %s  %5d coins\n", id, p.Name, p.Language, w.Balance)
	}
	return nil
}

// demoRefund submits a case for P-1001's first refundable lead and
// approves it as demoAgent, as the Slack desk will.
func (a *app) demoRefund(ctx context.Context, out io.Writer) error {
	const provider = "P-1001"
	unlocks, err := a.store.Unlocks(ctx, provider)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	var lead *conversations.Unlock
	for i, u := range unlocks {
		if u.OpenCase == "" && u.RefundedIn == "" && u.Coins <= a.cfg.Policy.Approval.SecondApproverOverCoins {
			lead = &unlocks[i]
			break
		}
	}
	if lead == nil {
		fmt.Fprintf(out, "\nEvery sample lead of %s is refunded or in a case already; remove the data directory to start over.\n", provider)
		return nil
	}
	now := a.clock.Now()
	fmt.Fprintf(out, "\n%s asks for a refund of lead %s (%d coins, %s): the client's number is not theirs.\n",
		provider, lead.LeadID, lead.Coins, lead.Category)
	cs, err := a.store.SubmitCase(ctx, conversations.NewCase{
		ProviderID: provider, Language: policy.LangEnglish, Reason: policy.ReasonInvalidLead,
		LeadIDs: []string{lead.LeadID}, At: now,
		Evidence: []conversations.Evidence{{Kind: conversations.EvidenceText, Text: "The number belongs to a shop that never posted a job.", At: now}},
	})
	if err != nil {
		return fmt.Errorf("demo: submit: %w", err)
	}
	fmt.Fprintf(out, "Submitted %s; agent %s approves it.\n\n", cs.ID, demoAgent)
	cs, err = a.store.Decide(ctx, conversations.Decision{
		CaseID: cs.ID, Expect: []policy.State{policy.StateOpen}, To: policy.StateApproved,
		By: demoAgent, At: now.Add(time.Minute), Note: "demo approval",
		Leads: map[string]policy.LeadDecision{lead.LeadID: policy.LeadApproved},
	})
	if err != nil {
		return fmt.Errorf("demo: decide: %w", err)
	}
	if err := writeCase(out, cs, a.location()); err != nil {
		return err
	}
	w, err := a.store.Wallet(ctx, provider)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(out, "\nNew balance of %s: %d coins (credited %d).\n", provider, w.Balance, cs.Credited)
	return nil
}
