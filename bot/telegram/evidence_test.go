package telegram_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/rockerstop/refundbot/bot/telegram"
	"github.com/rockerstop/refundbot/conversations"
)

// TestNoDownloadUnlessTheDialogueAsks: the adapter never downloads a file
// on its own; a dialogue that does not take it (a stranger, no flow) leaves
// no getFile call and no file on disk. A budget smaller than the file gives
// FileOverQuota without a download.
func TestNoDownloadUnlessTheDialogueAsks(t *testing.T) {
	h := newHarness(t)
	h.start(t)
	for range 20 {
		h.tg.UserSendsPhoto(77, []byte("a stranger's photo"), "")
	}
	for _, ev := range waitEvents(t, h.dlg, 20) {
		if ev.Kind != conversations.EvFile || ev.Fetch == nil || ev.File != nil {
			t.Fatalf("event %+v: want a file event to fetch, not fetched", ev)
		}
	}
	if got := h.tg.Calls("getFile"); got != 0 {
		t.Errorf("getFile called %d times, want 0", got)
	}
	if entries, _ := os.ReadDir(h.opts.EvidenceDir); len(entries) != 0 {
		t.Errorf("evidence dir holds %d files, want 0", len(entries))
	}

	h.dlg.fetch, h.dlg.budget = true, 5
	h.tg.UserSendsPhoto(78, []byte("six bytes or more"), "")
	evs := waitEvents(t, h.dlg, 21)
	if ev := evs[20]; ev.File != nil || ev.FileError != conversations.FileOverQuota {
		t.Errorf("over budget: file %+v error %q, want FileOverQuota", ev.File, ev.FileError)
	}
	if entries, _ := os.ReadDir(h.opts.EvidenceDir); len(entries) != 0 {
		t.Errorf("evidence dir holds %d files after an over-budget file, want 0", len(entries))
	}
}

// TestFetchEvidenceAgain: a downloaded file's evidence keeps its Telegram
// file_id, and FetchEvidence gets the same bytes again by it through the
// real client and the fake Bot API, writing nothing; a file_id Telegram
// does not know is ErrFileGone.
func TestFetchEvidenceAgain(t *testing.T) {
	h := newHarness(t)
	h.dlg.fetch = true
	a, _ := h.start(t)
	photo := []byte("\x89PNG the provider's screenshot")
	h.tg.UserSendsPhoto(79, photo, "")
	ev := waitEvents(t, h.dlg, 1)[0]
	if ev.File == nil || ev.File.FileID == "" {
		t.Fatalf("fetched evidence %+v: want its Telegram file_id", ev.File)
	}
	if err := os.Remove(filepath.Join(h.opts.EvidenceDir, ev.File.SHA256)); err != nil {
		t.Fatal(err)
	}
	r, err := a.FetchEvidence(t.Context(), ev.File.FileID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil || !bytes.Equal(got, photo) {
		t.Errorf("fetched again %q (%v), want %q", got, err, photo)
	}
	if entries, _ := os.ReadDir(h.opts.EvidenceDir); len(entries) != 0 {
		t.Errorf("FetchEvidence wrote %d files, want none", len(entries))
	}
	if _, err := a.FetchEvidence(t.Context(), "file-unknown"); !errors.Is(err, telegram.ErrFileGone) {
		t.Errorf("unknown file_id: %v, want ErrFileGone", err)
	}
}
