package conversations

import (
	"context"
	"fmt"
	"time"
)

// RecordsRetention deletes the delivery bookkeeping older than
// RecordsKeepDays: the markers that deduplicate inbound updates and Slack
// events, and outbox messages already delivered. The APIs redeliver for a
// day at most; kept for ever the records only grow (and stale markers
// could swallow an update_id Telegram reuses after a quiet week). The slot
// commits with the deletions.
func (j *Jobs) RecordsRetention(ctx context.Context, slot time.Time) error {
	if j.o.RecordsKeepDays < 2 {
		return fmt.Errorf("%s: keep_days must be at least 2", JobRecordsRetention)
	}
	now := j.o.Clock.Now()
	n, err := j.o.Store.PruneRecords(ctx, now.Add(-hours(24*j.o.RecordsKeepDays)),
		JobMark{Job: JobRecordsRetention, Slot: slot, At: now})
	if err != nil {
		return fmt.Errorf("%s: %w", JobRecordsRetention, err)
	}
	j.log.Info("old records pruned", "job", JobRecordsRetention, "records", n)
	return nil
}
