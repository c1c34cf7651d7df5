package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

// TestUploadFetchesMissingEvidenceAgain: with the file missing from the
// evidence dir, an upload whose outbox record has no file_id finds it in
// the case's evidence, fetches the bytes again, caches them under their
// SHA-256 and uploads them; a fetch that fails on the way is retried; one
// whose bytes do not match is refused for good, leaving no file behind.
func TestUploadFetchesMissingEvidenceAgain(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	ts := r.postCard(t, "RF-12")
	body := "the provider's png"
	h := sha256.Sum256([]byte(body))
	sum := hex.EncodeToString(h[:])
	cs := smallCase()
	cs.CardChannel, cs.CardTS = "C1", ts
	cs.Evidence = append(cs.Evidence, conversations.Evidence{Kind: conversations.EvidencePhoto, SHA256: sum, FileID: "file-7"})
	serve, fail := body, error(nil)
	var asked []string
	r.a.opts.Evidence = EvidenceSourceFunc(func(_ context.Context, id string) (io.ReadCloser, error) {
		asked = append(asked, id)
		if fail != nil {
			return nil, fail
		}
		return io.NopCloser(strings.NewReader(serve)), nil
	})
	m := conversations.OutboxMessage{Kind: conversations.OutSlackUpload, Text: "evidence",
		Files: []conversations.OutboxFile{{SHA256: sum, FileName: "photo.jpg"}}}

	fail = errors.New("connection reset")
	_, err := r.a.Send(ctx, m, cs, smallInfo())
	if _, permanent := Classify(err); err == nil || permanent {
		t.Fatalf("fetch failed on the way: %v, want a retried error", err)
	}
	fail, serve = nil, "another picture"
	_, err = r.a.Send(ctx, m, cs, smallInfo())
	if _, permanent := Classify(err); !errors.Is(err, ErrEvidenceMismatch) || !permanent {
		t.Fatalf("wrong bytes: %v, want a permanent ErrEvidenceMismatch", err)
	}
	if entries, _ := os.ReadDir(r.a.opts.EvidenceDir); len(entries) != 0 {
		t.Errorf("a refused fetch left %d files in the cache", len(entries))
	}
	if th := r.fake.Thread("C1", ts); len(th) != 0 {
		t.Fatalf("refused files reached the thread: %+v", th)
	}

	serve = body
	if _, err := r.a.Send(ctx, m, cs, smallInfo()); err != nil {
		t.Fatal(err)
	}
	th := r.fake.Thread("C1", ts)
	if len(th) != 1 || len(th[0].Files) != 1 || string(th[0].Files[0].Content) != body {
		t.Fatalf("thread %+v, want one message with the fetched file", th)
	}
	if got, err := os.ReadFile(filepath.Join(r.a.opts.EvidenceDir, sum)); err != nil || string(got) != body {
		t.Errorf("cache holds %q (%v), want the file", got, err)
	}
	if strings.Join(asked, ",") != "file-7,file-7,file-7" {
		t.Errorf("fetched %v, want file-7 three times", asked)
	}
	// Cached now: the next upload does not fetch.
	if _, err := r.a.Send(ctx, m, cs, smallInfo()); err != nil || len(asked) != 3 {
		t.Errorf("second upload: %v after %d fetches, want no new fetch", err, len(asked))
	}
}

// TestUploadWithoutFileIDFailsForGood: a missing file that neither the
// record nor the case gives a file_id for cannot be had again.
func TestUploadWithoutFileIDFailsForGood(t *testing.T) {
	r := newRig(t, smallCase())
	ts := r.postCard(t, "RF-12")
	cs := smallCase()
	cs.CardChannel, cs.CardTS = "C1", ts
	r.a.opts.Evidence = EvidenceSourceFunc(func(context.Context, string) (io.ReadCloser, error) {
		t.Error("fetched without a file_id")
		return nil, errors.New("unreachable")
	})
	m := conversations.OutboxMessage{Kind: conversations.OutSlackUpload,
		Files: []conversations.OutboxFile{{SHA256: strings.Repeat("ab", 32)}}}
	_, err := r.a.Send(context.Background(), m, cs, smallInfo())
	if _, permanent := Classify(err); !errors.Is(err, ErrBadMessage) || !permanent {
		t.Errorf("upload: %v, want a permanent ErrBadMessage", err)
	}
}
