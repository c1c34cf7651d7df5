package playground

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/csvimport"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/world"
)

// Serve seeds w, serves the page on ln and waits for ctx.
func Serve(ctx context.Context, w *world.World, ln net.Listener, out io.Writer, dir string, keep bool) error {
	if err := seedDemo(ctx, w.App, out); err != nil {
		return err
	}
	pg, err := newPlayground(w, demoPersonas(), w.App.Log)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: pg.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Fprintf(out, "\nrefundbot demo: the playground is at http://%s\n\n", ln.Addr())
	fmt.Fprintf(out, "  A provider's Telegram chat beside the agents' Slack channel, both on built-in\n"+
		"  fakes. On the page: START, Share my phone number, /refund, a reason, the lead\n"+
		"  L-2001, the Call log screenshot, Submit; then approve the case card as meera or\n"+
		"  ravi (approvers) and watch the wallet. \"How to try it\" on the page has the steps.\n\n")
	if keep {
		fmt.Fprintf(out, "  Data: %s (kept)\n", dir)
	} else {
		fmt.Fprintf(out, "  Data: %s (temporary, removed on exit; --data DIR keeps it)\n", dir)
	}
	fmt.Fprintf(out, "  The bot's own HTTP (Slack endpoints, /healthz): %s\n", w.URL)
	fmt.Fprintf(out, "  Stop with Ctrl-C.\n")

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-served:
		runErr = fmt.Errorf("demo: playground server: %w", err)
	}
	bound, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(bound); err != nil {
		w.App.Log.Warn("playground shutdown", "err", err)
	}
	fmt.Fprintln(out, "refundbot demo: stopped.")
	return runErr
}

// demoProviders is the sample providers CSV: three providers, one who
// reads Hindi.
const demoProviders = `provider_id,name,phone,language,opening_balance
P-1001,Ramesh Kumar,+91 98100 12345,en,1500
P-1002,Sunita Sharma,98200 23456,hi,800
P-1003,Mehta Electricals,097300 34567,en,1200
`

// sampleUnlock is one of the sample lead unlocks, ago before the demo starts.
type sampleUnlock struct {
	provider, lead string
	coins          int64
	ago            time.Duration
	category       string
}

// sampleUnlocks are the sample providers' lead unlocks, each inside the
// refund window.
func sampleUnlocks() []sampleUnlock {
	return []sampleUnlock{
		{"P-1001", "L-2001", 120, 26 * time.Hour, "Plumbing"},
		{"P-1001", "L-2002", 350, 5 * 24 * time.Hour, "Plumbing"},
		{"P-1001", "L-2003", 80, 50 * time.Hour, "Water Tank Cleaning"},
		{"P-1002", "L-2004", 60, 3 * time.Hour, "House Cleaning"},
		{"P-1002", "L-2005", 40, 4 * 24 * time.Hour, "Beauty Services"},
		{"P-1003", "L-2006", 250, 30 * time.Hour, "Electrician"},
		{"P-1003", "L-2007", 180, 9 * 24 * time.Hour, "AC Repair"},
	}
}

// demoUnlocks returns the sample unlocks CSV with times relative to now.
func demoUnlocks(now time.Time) string {
	var b strings.Builder
	b.WriteString("provider_id,lead_id,coins,unlocked_at,category\n")
	for _, r := range sampleUnlocks() {
		at := now.Add(-r.ago).Truncate(time.Minute).Format(time.RFC3339)
		fmt.Fprintf(&b, "%s,%s,%d,%s,%s\n", r.provider, r.lead, r.coins, at, r.category)
	}
	return b.String()
}

// seedDemo imports the sample CSVs unless the database has them already.
func seedDemo(ctx context.Context, a *app.App, out io.Writer) error {
	if _, err := a.Store.Provider(ctx, "P-1001"); err == nil {
		fmt.Fprintln(out, "Sample data is already in this database; not importing it again.")
	} else {
		now := a.Clock.Now()
		for _, f := range []struct {
			name string
			csv  string
			imp  csvimport.Importer
			at   time.Time // the opening balances predate the sample unlocks
		}{
			{"providers.csv", demoProviders, csvimport.Providers, now.Add(-10 * 24 * time.Hour)},
			{"unlocks.csv", demoUnlocks(now), csvimport.Unlocks, now},
		} {
			opts := csvimport.Options{Region: a.Config.Phone.DefaultRegion, Now: f.at}
			res, err := f.imp(ctx, a.Store, strings.NewReader(f.csv), opts)
			if err != nil || len(res.Bad) > 0 {
				return fmt.Errorf("demo: sample %s did not import (%v, %v)", f.name, err, res.Bad)
			}
			fmt.Fprintf(out, "Imported sample %s: %d new\n", f.name, res.Fresh)
		}
	}
	fmt.Fprintln(out, "\nSample providers (pick one on the page; its contact button shares the phone):")
	for _, ps := range demoPersonas() {
		w, err := a.Store.Wallet(ctx, ps.ProviderID)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		var leads []string
		for _, l := range ps.Leads {
			leads = append(leads, l.LeadID)
		}
		fmt.Fprintf(out, "  %s  %-18s %s  %s  %5d coins  leads %s\n", ps.ProviderID, ps.Name, ps.Language, ps.PhoneShown, w.Balance, strings.Join(leads, " "))
	}
	return nil
}
