package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rockerstop/refundbot/conversations"
)

// EvidenceSource fetches an evidence file again by its Telegram file_id
// (the Telegram adapter's getFile and download, handed in by the wiring:
// this package does not import the Telegram one). An error wrapping
// ErrBadMessage says the file cannot be had again; any other is retried.
type EvidenceSource interface {
	FetchEvidence(ctx context.Context, fileID string) (io.ReadCloser, error)
}

// EvidenceSourceFunc adapts a function to an EvidenceSource.
type EvidenceSourceFunc func(ctx context.Context, fileID string) (io.ReadCloser, error)

// FetchEvidence calls f.
func (f EvidenceSourceFunc) FetchEvidence(ctx context.Context, fileID string) (io.ReadCloser, error) {
	return f(ctx, fileID)
}

// ErrEvidenceMismatch: a file fetched again is not the one the case
// holds (its SHA-256 differs). It is refused and nothing is uploaded;
// the message fails for good, since the same fetch gives the same bytes.
var ErrEvidenceMismatch = errors.New("fetched evidence does not match its SHA-256")

// maxRefetchBytes bounds a file fetched again (Telegram serves bots at
// most 20 MB).
const maxRefetchBytes = 20 << 20

// openEvidence opens the evidence file f from the cache, fetching it
// again into the cache first when it is missing and a source is set. A
// file that cannot be opened or had again wraps ErrBadMessage; a fetch
// that failed on the way does not, and is retried.
func (a *Adapter) openEvidence(ctx context.Context, c conversations.Case, f conversations.OutboxFile) (*os.File, error) {
	path := filepath.Join(a.opts.EvidenceDir, f.SHA256)
	fh, err := os.Open(path)
	if err == nil {
		return fh, nil
	}
	if !errors.Is(err, fs.ErrNotExist) || a.opts.Evidence == nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMessage, err)
	}
	id := fileIDOf(c, f)
	if id == "" {
		return nil, fmt.Errorf("%w: %w (and no Telegram file_id to fetch it again)", ErrBadMessage, err)
	}
	if err := a.refetch(ctx, f.SHA256, id); err != nil {
		return nil, err
	}
	a.log.Info("evidence fetched again into the cache", "case_id", c.ID, "sha256", f.SHA256)
	if fh, err = os.Open(path); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMessage, err)
	}
	return fh, nil
}

// fileIDOf is f's Telegram file_id: the outbox record's, or else the one
// the case's evidence keeps for the same SHA-256.
func fileIDOf(c conversations.Case, f conversations.OutboxFile) string {
	if f.FileID != "" {
		return f.FileID
	}
	for _, e := range c.Evidence {
		if e.SHA256 == f.SHA256 && e.FileID != "" {
			return e.FileID
		}
	}
	return ""
}

// refetch fetches the file with Telegram file_id id and writes it into
// the cache as sum, through a temporary file renamed into place only when
// the bytes' SHA-256 is sum; otherwise the temporary file is removed and
// the error wraps ErrEvidenceMismatch and ErrBadMessage.
func (a *Adapter) refetch(ctx context.Context, sum, id string) (err error) {
	body, err := a.opts.Evidence.FetchEvidence(ctx, id)
	if err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	defer body.Close()
	if err := os.MkdirAll(a.opts.EvidenceDir, 0o750); err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	tmp, err := os.CreateTemp(a.opts.EvidenceDir, ".incoming-*")
	if err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(body, maxRefetchBytes+1))
	if err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); n > maxRefetchBytes || got != sum {
		return fmt.Errorf("fetch evidence again: file %s (%d bytes) came back as %s: %w: %w",
			sum[:12], n, got[:12], ErrEvidenceMismatch, ErrBadMessage)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	if err = os.Rename(tmp.Name(), filepath.Join(a.opts.EvidenceDir, sum)); err != nil {
		return fmt.Errorf("fetch evidence again: %w", err)
	}
	return nil
}
