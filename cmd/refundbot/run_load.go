package main

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/load"
)

// runLoad drives simulated providers through the whole flow over the fake
// APIs and prints the figures of DESIGN.md's targets. --providers N (200)
// providers file a case each and an agent approves it, all within
// --duration D (5m); --sessions N puts N providers mid-conversation and
// restarts; --wave N files N cases at once at the real limits while an
// agent approves each card as it appears; --notifications N paces N
// notices to 50 chats against the fake's flood control; --profile DIR
// writes pprof profiles of the busy phases to DIR; --etcd measures the
// etcd backend beside bbolt (on --etcd-endpoints, or three local members).
// Everything lives in a temporary directory.
func runLoad(ctx context.Context, c *cli) error {
	n, err := intFlag(c, "providers", 200, load.MaxProviders)
	if err != nil {
		return err
	}
	sessions, err := intFlag(c, "sessions", 0, load.MaxSessions)
	if err != nil {
		return err
	}
	notices, err := intFlag(c, "notifications", 0, load.MaxNotices)
	if err != nil {
		return err
	}
	wave, err := intFlag(c, "wave", 0, load.MaxWave)
	if err != nil {
		return err
	}
	limit := 5 * time.Minute
	if v := c.flag("duration"); v != "" {
		if limit, err = time.ParseDuration(v); err != nil || limit <= 0 || limit > load.MaxDuration {
			return usagef("--duration must be a duration up to %s, got %q", load.MaxDuration, v)
		}
	}
	var endpoints []string
	if v := c.flag("etcd-endpoints"); v != "" {
		if !c.has("etcd") {
			return usagef("--etcd-endpoints goes with --etcd")
		}
		for ep := range strings.SplitSeq(v, ",") {
			if u, err := url.Parse(ep); err != nil || u.Scheme != "http" || u.Host == "" {
				return usagef("--etcd-endpoints must be URLs such as http://127.0.0.1:2379, comma-separated, got %q", ep)
			}
			endpoints = append(endpoints, ep)
		}
	}
	return load.Run(ctx, c.stdout, load.Options{Providers: n, Sessions: sessions, Notices: notices, Wave: wave, Duration: limit, Profile: c.flag("profile"),
		Etcd: c.has("etcd"), EtcdEndpoints: endpoints})
}

func intFlag(c *cli, name string, def, max int) (int, error) {
	v := c.flag(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, usagef("--%s must be a number from 0 to %d, got %q", name, max, v)
	}
	return n, nil
}
