package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rockerstop/refundbot/conversations"
)

// FileSlots is a SlotStore in one small JSON file, for jobs whose work is
// this replica's own (pruning its evidence cache): their slots are no
// other replica's business, so they stay beside that work instead of in
// the shared store. The file is rewritten whole (a temporary file then a
// rename) at every change.
type FileSlots struct {
	Path string

	mu sync.Mutex
}

// JobMark returns what the file records of job.
func (f *FileSlots) JobMark(_ context.Context, job string) (conversations.JobMark, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	marks, err := f.read()
	if err != nil {
		return conversations.JobMark{}, err
	}
	m := marks[job]
	m.Job = job
	return m, nil
}

// JobSeen records the first time job was seen, once.
func (f *FileSlots) JobSeen(_ context.Context, job string, at time.Time) error {
	return f.change(job, func(m *conversations.JobMark) {
		if m.Since.IsZero() {
			m.Since = at
		}
	})
}

// SlotDone advances job's last slot done (never back) and clears the last
// failure.
func (f *FileSlots) SlotDone(_ context.Context, job string, slot, at time.Time) error {
	return f.change(job, func(m *conversations.JobMark) { m.Advance(slot, at) })
}

// SlotFailed records a failed run; the last slot done stays.
func (f *FileSlots) SlotFailed(_ context.Context, job string, slot, at time.Time, errText string) error {
	return f.change(job, func(m *conversations.JobMark) {
		m.FailedSlot, m.FailedAt, m.Err = slot, at, errText
	})
}

func (f *FileSlots) change(job string, fn func(*conversations.JobMark)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	marks, err := f.read()
	if err != nil {
		return err
	}
	m := marks[job]
	m.Job = job
	fn(&m)
	marks[job] = m
	data, err := json.Marshal(marks)
	if err != nil {
		return err
	}
	tmp := f.Path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("job slots: %w", err)
	}
	if err := os.Rename(tmp, f.Path); err != nil {
		return fmt.Errorf("job slots: %w", err)
	}
	return nil
}

// read reads the file; a missing file is no marks. Call with mu held.
func (f *FileSlots) read() (map[string]conversations.JobMark, error) {
	marks := map[string]conversations.JobMark{}
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return marks, nil
	}
	if err != nil {
		return nil, fmt.Errorf("job slots: %w", err)
	}
	if err := json.Unmarshal(data, &marks); err != nil {
		return nil, fmt.Errorf("job slots %s: %w", filepath.Base(f.Path), err)
	}
	return marks, nil
}
