package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// runJobs is `refundbot jobs` (each job's spec, switch, last and next
// run) and `refundbot jobs run NAME` (run one job now, enabled or not;
// the slot it runs for is now). Both need the database, so they work
// while no `serve` holds it; the listing then still shows specs and next
// runs, and says why the last runs are missing.
func runJobs(ctx context.Context, c *cli) error {
	cfg, _, err := c.config()
	if err != nil {
		return err
	}
	if w := c.inv.words; len(w) == 3 && w[1] == "run" {
		if err := app.CheckJobName(cfg, w[2]); err != nil {
			return err // before the database: a typo needs no database to be told
		}
		return runJobNow(ctx, c, w[2])
	}
	a, err := app.New(ctx, cfg, app.Deps{Stderr: c.stderr, MustExist: true})
	if err != nil {
		fmt.Fprintf(c.stderr, "last runs unavailable: %v\n", err)
		return listJobs(ctx, c.stdout, cfg, nil)
	}
	defer a.Close()
	return listJobs(ctx, c.stdout, cfg, a)
}

func runJobNow(ctx context.Context, c *cli, name string) error {
	return withStore(ctx, c, func(a *app.App) error {
		start := a.Clock.Now()
		if err := a.RunJob(ctx, name); err != nil {
			return err
		}
		_, err := fmt.Fprintf(c.stdout, "%s done in %s (messages it queued go out with the next serve)\n",
			name, a.Clock.Now().Sub(start).Round(time.Millisecond))
		return err
	})
}

// listJobs prints the jobs; a is nil when the database could not be opened.
func listJobs(ctx context.Context, w io.Writer, cfg app.Config, a *app.App) error {
	loc, err := cfg.Location()
	if err != nil {
		return fmt.Errorf("timezone: %w", err)
	}
	status, err := app.JobStatus(ctx, cfg, a)
	if err != nil {
		return err
	}
	return writeJobs(w, status, loc)
}
func writeJobs(w io.Writer, status []bot.JobStatus, loc *time.Location) error {
	at := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.In(loc).Format(timeLayout)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tENABLED\tSPEC\tLAST SLOT\tLAST RUN\tNEXT\tLAST ERROR")
	for _, st := range status {
		on, errText := "no", st.LastErr
		if st.Enabled {
			on = "yes"
		}
		if errText == "" {
			errText = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", st.Name, on, st.Spec, at(st.LastSlot), at(st.LastRun), at(st.Next), errText)
	}
	return tw.Flush()
}
