package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/csvimport"
)

// runImportProviders and runImportUnlocks read the CSV of DESIGN.md, report
// every bad row with its line, and write nothing when any row is bad unless
// --skip-bad; an import that writes nothing leaves no new database behind. The store's writes are all or nothing, and this process holds
// the database's lock for the whole import, so the checks made before the
// write still hold when it happens.
func runImportProviders(ctx context.Context, c *cli) error {
	return runImport(ctx, c, csvimport.Providers)
}

func runImportUnlocks(ctx context.Context, c *cli) error {
	return runImport(ctx, c, csvimport.Unlocks)
}

func runImport(ctx context.Context, c *cli, imp csvimport.Importer) error {
	cfg, _, err := c.config()
	if err != nil {
		return err
	}
	name := c.arg(2, 0)
	var r io.Reader = c.stdin
	if name == "-" {
		name = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("open the CSV file: %w", err)
		}
		defer f.Close()
		r = f
	}
	a, err := app.New(ctx, cfg, app.Deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	var res csvimport.Result
	defer func() {
		if res.Fresh+res.Updated == 0 { // a database made only for this import goes again
			_ = a.CloseUnwritten()
		}
		_ = a.Close()
	}()

	res, err = imp(ctx, a.Store, r, csvimport.Options{Region: cfg.Phone.DefaultRegion, Now: a.Clock.Now(), SkipBad: c.has("skip-bad")})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	sort.SliceStable(res.Bad, func(i, j int) bool { return res.Bad[i].Line < res.Bad[j].Line })
	for _, b := range res.Bad {
		fmt.Fprintf(c.stderr, "%s:%d: %s\n", name, b.Line, b.Msg)
	}
	good := res.Fresh + res.Updated + res.Unchanged
	if !res.Written && len(res.Bad) > 0 {
		fmt.Fprintf(c.stderr, "%s: %d bad row(s); nothing written (fix them, or use --skip-bad to import the %d good row(s))\n",
			name, len(res.Bad), good)
		return errReported
	}
	fmt.Fprintf(c.stdout, "%s: %d new, %d updated, %d unchanged", name, res.Fresh, res.Updated, res.Unchanged)
	if len(res.Bad) > 0 {
		fmt.Fprintf(c.stdout, ", %d bad row(s) skipped", len(res.Bad))
	}
	fmt.Fprintln(c.stdout)
	return nil
}
