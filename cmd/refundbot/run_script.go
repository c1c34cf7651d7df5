package main

import (
	"context"
	"fmt"

	"github.com/rockerstop/refundbot/cmd/refundbot/internal/story"
)

// runScript is `refundbot script run FILE...`: run each story, print its
// transcripts and PASS, or FAIL with the story's log. Any failure exits 1.
func runScript(ctx context.Context, c *cli) error {
	files := c.inv.words[2:]
	if len(files) == 0 {
		return usagef("usage: refundbot script run FILE...")
	}
	failed, err := story.RunFiles(ctx, files, c.stdout)
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(c.stderr, "%d of %d stories failed\n", failed, len(files))
		return errReported
	}
	return nil
}
