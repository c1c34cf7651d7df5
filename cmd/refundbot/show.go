package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
)

// The --json documents of DESIGN.md live in conversations, shared with
// the platform API; these names are kept for the tests.
type (
	walletJSON   = conversations.WalletDoc
	caseJSON     = conversations.CaseDoc
	caseLeadJSON = conversations.CaseLeadDoc
)

func runWalletShow(ctx context.Context, c *cli) error {
	return withStore(ctx, c, func(a *app.App) error {
		id := c.arg(2, 0)
		w, err := a.Store.Wallet(ctx, id)
		if errors.Is(err, conversations.ErrNotFound) {
			return fmt.Errorf("no provider %s", id)
		} else if err != nil {
			return err
		}
		if c.has("json") {
			return writeJSON(c.stdout, conversations.WalletJSON(w))
		}
		name := ""
		if p, err := a.Store.Provider(ctx, id); err == nil {
			name = p.Name
		}
		return writeWallet(c.stdout, w, name, a.Location())
	})
}

func runCaseShow(ctx context.Context, c *cli) error {
	return withStore(ctx, c, func(a *app.App) error {
		id := c.arg(2, 0)
		cs, err := a.Store.Case(ctx, id)
		if errors.Is(err, conversations.ErrNotFound) {
			return a.MissingCase(ctx, id)
		} else if err != nil {
			return err
		}
		if c.has("json") {
			return writeJSON(c.stdout, conversations.CaseJSON(cs))
		}
		return writeCase(c.stdout, cs, a.Location())
	})
}

// withStore loads the config, opens an existing database and runs fn.
func withStore(ctx context.Context, c *cli, fn func(a *app.App) error) error {
	cfg, _, err := c.config()
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, app.Deps{Stderr: c.stderr, MustExist: true})
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

const timeLayout = "2006-01-02 15:04 MST"

func writeWallet(w io.Writer, wal conversations.Wallet, name string, loc *time.Location) error {
	fmt.Fprintf(w, "Provider %s", wal.ProviderID)
	if name != "" {
		fmt.Fprintf(w, " (%s)", name)
	}
	fmt.Fprintf(w, ": balance %d coins\n\n", wal.Balance)
	if len(wal.Entries) == 0 {
		_, err := fmt.Fprintln(w, "No ledger entries.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tKIND\tCOINS\tBALANCE\tREF")
	dips := false
	for _, e := range wal.Statement() {
		fmt.Fprintf(tw, "%s\t%s\t%+d\t%d\t%s\n", e.At.In(loc).Format(timeLayout), e.Kind, e.Coins, e.Balance, e.Ref)
		dips = dips || e.Balance < 0
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if dips {
		// Not a negative wallet: the ledger refuses those. Unlocks dated
		// before the opening balance was recorded come first in time.
		_, err := fmt.Fprintln(w, "\nOldest first; BALANCE is the running total in that order, below zero where unlocks\npredate the recorded opening balance (the wallet itself never went below zero).")
		return err
	}
	return nil
}

func writeCase(w io.Writer, c conversations.Case, loc *time.Location) error {
	fmt.Fprintf(w, "Case %s  provider %s  reason %s  state %s\n", c.ID, c.ProviderID, c.Reason, c.State)
	fmt.Fprintf(w, "Opened %s, %d lead(s), %d coins asked, %d credited\n\n",
		c.CreatedAt.In(loc).Format(timeLayout), len(c.Leads), c.TotalCoins(), c.Credited)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LEAD\tCOINS\tCATEGORY\tDECISION")
	for _, l := range c.Leads {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", l.LeadID, l.Coins, l.Category, l.Decision)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tFROM\tTO\tBY\tNOTE")
	for _, t := range c.History {
		from := string(t.From)
		if from == "" {
			from = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.At.In(loc).Format(timeLayout), from, t.To, t.By, t.Note)
	}
	return tw.Flush()
}
