package main

import (
	"context"
	"fmt"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
)

// runServe runs the bot until ctx ends (SIGINT or SIGTERM).
func runServe(ctx context.Context, c *cli) error {
	cfg, src, err := c.config()
	if err != nil {
		return err
	}
	if ps := app.ServeProblems(cfg, src); len(ps) > 0 {
		return &app.ConfigError{Problems: app.Tidy(ps)}
	}
	for _, w := range app.Warnings(cfg, src) {
		fmt.Fprintln(c.stderr, "warning:", w)
	}
	if err := app.EnsureDirs(cfg); err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, app.Deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Serve(ctx)
}
