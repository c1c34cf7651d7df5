package main

import (
	"context"
)

// runServe runs the bot until ctx ends (SIGINT or SIGTERM).
func runServe(ctx context.Context, c *cli) error {
	cfg, src, err := c.config()
	if err != nil {
		return err
	}
	if ps := serveProblems(cfg, src); len(ps) > 0 {
		return &ConfigError{Problems: ps}
	}
	if err := ensureDirs(cfg); err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, Deps{Stderr: c.stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Serve(ctx)
}
