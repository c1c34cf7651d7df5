package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/go-telegram/bot"

	"github.com/rockerstop/refundbot/conversations"
)

var errTooBig = errors.New("file exceeds the size limit")

// fetch downloads a file into the evidence directory and describes it.
// A failure sets FileFailed (or FileTooBig) rather than failing the event:
// the dialogue asks the provider to send it again.
func (a *Adapter) fetch(ctx context.Context, ev *conversations.Event, ref *fileRef) {
	e, err := a.download(ctx, ref)
	switch {
	case errors.Is(err, errTooBig):
		ev.FileError = conversations.FileTooBig
	case err != nil:
		a.log.Warn("file download failed", "chat_id", ev.ChatID, "err", err)
		ev.FileError = conversations.FileFailed
	default:
		ev.File = e
	}
}

func (a *Adapter) download(ctx context.Context, ref *fileRef) (*conversations.Evidence, error) {
	f, err := a.bot.GetFile(ctx, &bot.GetFileParams{FileID: ref.fileID})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	if f.FileSize > a.opts.MaxFileBytes {
		return nil, errTooBig
	}
	// The link holds the token: it never reaches a log or an error.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.bot.FileDownloadLink(f), nil)
	if err != nil {
		return nil, fmt.Errorf("download: %w", redact(err))
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", redact(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	sum, n, err := storeFile(a.opts.EvidenceDir, resp.Body, a.opts.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return &conversations.Evidence{
		Kind: ref.kind, SHA256: sum, FileName: ref.name, MIME: ref.mime, Size: n, At: a.clock.Now(),
	}, nil
}

// storeFile writes r into dir under its SHA-256 (hex), through a temporary
// file renamed into place, so a reader never sees a partial file. It
// reads at most max bytes (errTooBig beyond). Storing the same content
// again keeps the existing file.
func storeFile(dir string, r io.Reader, max int64) (sum string, n int64, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".incoming-*")
	if err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err = io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, max+1))
	if err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	if n > max {
		return "", 0, errTooBig
	}
	if err = tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	if err = os.Rename(tmp.Name(), filepath.Join(dir, sum)); err != nil {
		return "", 0, fmt.Errorf("store evidence: %w", err)
	}
	return sum, n, nil
}
