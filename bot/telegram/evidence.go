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

// errOverBudget: the file is bigger than the provider's bytes left today.
var errOverBudget = errors.New("file exceeds the provider's daily budget")

// fetcher is the event's FileFetcher: it downloads ref into the evidence
// directory, at most budget bytes. A failure becomes FileFailed,
// FileTooBig or FileOverQuota rather than an error: the dialogue asks the
// provider to send it again or explains.
func (a *Adapter) fetcher(chatID int64, ref *fileRef) conversations.FileFetcher {
	return func(ctx context.Context, budget int64) (*conversations.Evidence, conversations.FileError) {
		e, err := a.download(ctx, ref, budget)
		switch {
		case errors.Is(err, errTooBig):
			return nil, conversations.FileTooBig
		case errors.Is(err, errOverBudget):
			return nil, conversations.FileOverQuota
		case err != nil:
			a.log.Warn("file download failed", "chat_id", chatID, "err", err)
			return nil, conversations.FileFailed
		}
		return e, conversations.FileOK
	}
}

func (a *Adapter) download(ctx context.Context, ref *fileRef, budget int64) (*conversations.Evidence, error) {
	if ref.size > budget {
		return nil, errOverBudget
	}
	f, err := a.bot.GetFile(ctx, &bot.GetFileParams{FileID: ref.fileID})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	if f.FileSize > a.opts.MaxFileBytes {
		return nil, errTooBig
	}
	if f.FileSize > budget {
		return nil, errOverBudget
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
	limit := min(a.opts.MaxFileBytes, budget)
	sum, n, err := storeFile(a.opts.EvidenceDir, resp.Body, limit)
	if errors.Is(err, errTooBig) && limit < a.opts.MaxFileBytes {
		return nil, errOverBudget
	}
	if err != nil {
		return nil, err
	}
	return &conversations.Evidence{
		Kind: ref.kind, SHA256: sum, FileID: ref.fileID, FileName: ref.name, MIME: ref.mime, Size: n, At: a.clock.Now(),
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

// ErrFileGone: Telegram will not serve the file again (getFile refused
// its file_id or its size, or the download is not found); trying again
// will not help.
var ErrFileGone = errors.New("telegram file is gone")

// FetchEvidence fetches a stored evidence file again by its Telegram
// file_id (getFile, then the download), for a replica whose evidence_dir
// lacks it. The caller reads at most MaxFileBytes+1 bytes, checks them
// against the file's SHA-256 and closes the body. Nothing is written here.
func (a *Adapter) FetchEvidence(ctx context.Context, fileID string) (io.ReadCloser, error) {
	if fileID == "" {
		return nil, fmt.Errorf("fetch evidence: no file_id: %w", ErrFileGone)
	}
	f, err := a.bot.GetFile(ctx, &bot.GetFileParams{FileID: fileID})
	if errors.Is(err, bot.ErrorBadRequest) || errors.Is(err, bot.ErrorNotFound) {
		return nil, fmt.Errorf("fetch evidence: getFile: %w: %w", ErrFileGone, err)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch evidence: getFile: %w", redact(err))
	}
	if f.FileSize > a.opts.MaxFileBytes {
		return nil, fmt.Errorf("fetch evidence: %w: %w", ErrFileGone, errTooBig)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.bot.FileDownloadLink(f), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch evidence: %w", redact(err))
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch evidence: %w", redact(err))
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		resp.Body.Close()
		return nil, fmt.Errorf("fetch evidence: HTTP 404: %w", ErrFileGone)
	case resp.StatusCode != http.StatusOK:
		resp.Body.Close()
		return nil, fmt.Errorf("fetch evidence: HTTP %d", resp.StatusCode)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(resp.Body, a.opts.MaxFileBytes+1), resp.Body}, nil
}
