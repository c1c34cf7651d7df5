package world

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	slackad "github.com/rockerstop/refundbot/bot/slack"
	"github.com/rockerstop/refundbot/cmd/refundbot/internal/app"
	"github.com/rockerstop/refundbot/conversations"
)

// coldCacheSender is the Slack sender of a replica whose evidence_dir does
// not hold the files it uploads: before each upload it deletes them (and
// runs before, if set), then sends as the real sender does. It keeps the
// upload errors and how the sender classified them.
type coldCacheSender struct {
	*slackad.Sender
	dir    string
	before func(m conversations.OutboxMessage)

	mu        sync.Mutex
	errs      []error
	permanent []bool
}

func (s *coldCacheSender) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	if m.Kind != conversations.OutSlackUpload {
		return s.Sender.Send(ctx, m)
	}
	for _, f := range m.Files {
		if err := os.Remove(filepath.Join(s.dir, f.SHA256)); err != nil && !os.IsNotExist(err) {
			return "", err
		}
	}
	if s.before != nil {
		s.before(m)
	}
	ref, err := s.Sender.Send(ctx, m)
	if err != nil {
		_, perm := s.Sender.Classify(err)
		s.mu.Lock()
		s.errs, s.permanent = append(s.errs, err), append(s.permanent, perm)
		s.mu.Unlock()
	}
	return ref, err
}

func (s *coldCacheSender) failures() ([]error, []bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.errs...), append([]bool(nil), s.permanent...)
}

// startColdCache starts a world whose Slack sender works on a cold
// evidence cache, with Asha linked and at the lead step of a refund.
func startColdCache(t *testing.T, before func(w *World, m conversations.OutboxMessage)) (*e2e, *coldCacheSender) {
	t.Helper()
	dir := t.TempDir()
	cold := &coldCacheSender{dir: filepath.Join(dir, "evidence")}
	var w *World
	w, err := Start(t.Context(), Options{Dir: dir, Wire: func(s *app.System) {
		cold.Sender = s.Delivery.Senders[conversations.Slack].(*slackad.Sender)
		s.Delivery.Senders[conversations.Slack] = cold
	}})
	if err != nil {
		t.Fatal(err)
	}
	if before != nil {
		cold.before = func(m conversations.OutboxMessage) { before(w, m) }
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	at := time.Now().Add(-72 * time.Hour)
	if err := w.App.Store.UpsertProviders(t.Context(), []conversations.Provider{
		{ID: "P-1001", Name: "Asha", Phone: "+919876543210", Language: "en", OpeningBalance: 1000}}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Store.RecordUnlocks(t.Context(), []conversations.Unlock{
		{ProviderID: "P-1001", LeadID: "L-2001", Coins: 120, UnlockedAt: at, Category: "Plumbing"}}); err != nil {
		t.Fatal(err)
	}
	e := &e2e{t: t, w: w}
	const asha = 1001
	w.TG.UserSends(asha, "/start")
	e.botSays(asha, "share the phone number")
	w.TG.UserSharesContact(asha, "919876543210", asha, false)
	e.botSays(asha, "now linked")
	w.TG.UserSends(asha, "/refund")
	e.botSays(asha, "Choose the reason")
	e.tap(asha, "Invalid lead")
	e.botSays(asha, "What was wrong")
	e.tap(asha, "Wrong or fake number")
	e.botSays(asha, "Send the ID of the lead")
	w.TG.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	return e, cold
}

// screenshot is the photo submitWithScreenshot sends.
const screenshot = "\x89PNG call log"

// TestEvidenceFetchedAgainForAColdCache: a case filed with a photo, the
// photo gone from this replica's evidence_dir when its upload is
// delivered: the real Slack sender fetches it again from the fake Telegram
// by the file_id the case keeps (the real go-telegram client's getFile and
// download), checks its SHA-256, caches it and uploads it; the card's
// thread in the fake Slack holds the same bytes.
func TestEvidenceFetchedAgainForAColdCache(t *testing.T) {
	e, cold := startColdCache(t, nil)
	downloads := e.w.TG.Downloads()
	e.submitWithScreenshot(1001, "RF-1")
	c, err := e.w.App.Store.Case(t.Context(), "RF-1")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(screenshot))
	want := hex.EncodeToString(sum[:])
	if len(c.Evidence) != 1 || c.Evidence[0].SHA256 != want || !strings.HasPrefix(c.Evidence[0].FileID, "file-") {
		t.Fatalf("case evidence %+v, want the photo with its SHA-256 and Telegram file_id", c.Evidence)
	}
	ts := e.cardTS("RF-1")
	var got []byte
	e.waitFor("the photo in the card's thread", func() bool {
		for _, m := range e.w.Slack.Thread(FakeChannel, ts) {
			if len(m.Files) == 1 {
				got = m.Files[0].Content
				return true
			}
		}
		return false
	})
	if string(got) != screenshot {
		t.Errorf("thread holds %q, want %q", got, screenshot)
	}
	if errs, _ := cold.failures(); len(errs) > 0 {
		t.Errorf("upload failed on the way: %v", errs)
	}
	if n := e.w.TG.Downloads() - downloads; n != 2 {
		t.Errorf("%d downloads from Telegram, want 2 (the submit's and the upload's)", n)
	}
	cached, err := os.ReadFile(filepath.Join(cold.dir, want))
	if err != nil || string(cached) != screenshot {
		t.Errorf("cache holds %q (%v), want the photo", cached, err)
	}
}

// TestEvidenceFetchedAgainMustMatch: when the bytes fetched again from
// Telegram are not the case's photo (their SHA-256 differs), the upload is
// refused: nothing reaches Slack, the wrong bytes are not cached, and the
// delivery records the message failed for good with the mismatch.
func TestEvidenceFetchedAgainMustMatch(t *testing.T) {
	e, cold := startColdCache(t, func(w *World, m conversations.OutboxMessage) {
		c, err := w.App.Store.Case(context.Background(), m.CaseID)
		if err != nil || len(c.Evidence) == 0 || !w.TG.ReplaceFile(c.Evidence[0].FileID, []byte("\x89PNG another picture")) {
			t.Errorf("replace the photo on Telegram: %v %+v", err, c.Evidence)
		}
	})
	e.submitWithScreenshot(1001, "RF-1")
	ts := e.cardTS("RF-1")
	e.waitFor("the upload refused", func() bool { errs, _ := cold.failures(); return len(errs) > 0 })
	errs, permanent := cold.failures()
	if !errors.Is(errs[0], slackad.ErrEvidenceMismatch) || !permanent[0] {
		t.Errorf("upload error %v (permanent %v), want a permanent ErrEvidenceMismatch", errs[0], permanent[0])
	}
	time.Sleep(200 * time.Millisecond) // a retry would have run by now
	if errs, _ := cold.failures(); len(errs) != 1 {
		t.Errorf("upload tried %d times, want once: %v", len(errs), errs)
	}
	for _, m := range e.w.Slack.Thread(FakeChannel, ts) {
		if len(m.Files) > 0 {
			t.Errorf("a file reached the thread: %+v", m.Files)
		}
	}
	if n := e.w.Slack.Calls("files.getUploadURLExternal"); n != 0 {
		t.Errorf("%d upload URLs asked for, want 0", n)
	}
	entries, err := os.ReadDir(cold.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		t.Errorf("cache holds %s after a refused fetch, want nothing", en.Name())
	}
}

// heldUploads is a Slack sender whose uploads hang until the replica
// stops, so that an upload stays in the outbox, never attempted.
type heldUploads struct{ *slackad.Sender }

func (h heldUploads) Send(ctx context.Context, m conversations.OutboxMessage) (string, error) {
	if m.Kind == conversations.OutSlackUpload {
		<-ctx.Done()
		return "", ctx.Err()
	}
	return h.Sender.Send(ctx, m)
}

// TestEvidenceOnAnotherReplica: two replicas on a three-member etcd
// cluster, each with its own evidence_dir. The leader downloads a case's
// photo but cannot deliver its upload before it dies; the other replica,
// leading now, lacks the file, fetches it again from the fake Telegram
// with the file_id the store keeps and uploads the same bytes into the
// card's thread.
func TestEvidenceOnAnotherReplica(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	r := startReplicas(t, "evidence/", dirA, dirB, func(s *app.System) {
		s.Delivery.Senders[conversations.Slack] = heldUploads{s.Delivery.Senders[conversations.Slack].(*slackad.Sender)}
	})
	a, b, e := r.a, r.b, r.e
	ctx := t.Context()

	const asha = 1001
	tg := a.TG
	e.toLeadStep(asha)
	tg.UserSends(asha, "L-2001")
	e.botSays(asha, "total 120 coins")
	e.submitWithScreenshot(asha, "RF-1")
	e.cardTS("RF-1")

	sum := sha256.Sum256([]byte(screenshot))
	name := hex.EncodeToString(sum[:])
	if _, err := os.Stat(filepath.Join(dirA, "evidence", name)); err != nil {
		t.Fatalf("the leader's evidence_dir lacks the photo: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dirB, "evidence", name)); !os.IsNotExist(err) {
		t.Fatalf("the follower's evidence_dir has the photo already (%v)", err)
	}
	// The leader dies with the upload still in the outbox.
	a.Kill()
	var got []byte
	e.waitFor("the photo in the card's thread, from b", func() bool {
		// A leader killed between posting the card and recording it sent
		// leaves b to post it again (a duplicate card is acceptable): the
		// thread is that of the card the case records.
		c, err := b.App.Store.Case(ctx, "RF-1")
		if err != nil || c.CardTS == "" {
			return false
		}
		for _, m := range a.Slack.Thread(FakeChannel, c.CardTS) {
			if len(m.Files) == 1 {
				got = m.Files[0].Content
				return true
			}
		}
		return false
	})
	if string(got) != screenshot {
		t.Errorf("thread holds %q, want %q", got, screenshot)
	}
	if cached, err := os.ReadFile(filepath.Join(dirB, "evidence", name)); err != nil || string(cached) != screenshot {
		t.Errorf("b's cache holds %q (%v), want the photo", cached, err)
	}
}
