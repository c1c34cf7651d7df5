package slack

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"

	slackapi "github.com/slack-go/slack"

	"github.com/rockerstop/refundbot/conversations"
)

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// upload delivers an OutSlackUpload: every file of the message into the
// card's thread as ONE message whose initial comment is m.Text (finished
// mrkdwn: the provider's notes, escaped by the domain). Slack's three
// steps: files.getUploadURLExternal and the upload for each file, then one
// files.completeUploadExternal that shares them all. A record written
// before Files existed names one file in SHA256. A retry uploads again:
// files never completed are not shown anywhere.
func (a *Adapter) upload(ctx context.Context, m conversations.OutboxMessage, c conversations.Case) (string, error) {
	files := m.Files
	if len(files) == 0 && m.SHA256 != "" {
		files = []conversations.OutboxFile{{SHA256: m.SHA256, FileName: m.FileName}}
	}
	if len(files) == 0 {
		return "", fmt.Errorf("upload for %s: no file: %w", c.ID, ErrBadMessage)
	}
	for _, f := range files {
		if !sha256Pattern.MatchString(f.SHA256) {
			return "", fmt.Errorf("upload for %s: bad file name %q: %w", c.ID, f.SHA256, ErrBadMessage)
		}
	}
	if c.CardTS == "" || c.CardChannel == "" {
		return "", fmt.Errorf("upload for %s: %w", c.ID, ErrNoCard)
	}
	summaries := make([]slackapi.FileSummary, 0, len(files))
	for _, f := range files {
		sum, err := a.uploadOne(ctx, c, f)
		if err != nil {
			return "", err
		}
		summaries = append(summaries, sum)
	}
	err := a.call(ctx, MethodCompleteUpload, "", func() error {
		_, err := a.api.CompleteUploadExternalContext(ctx, slackapi.CompleteUploadExternalParameters{
			Files: summaries, Channel: c.CardChannel, ThreadTimestamp: c.CardTS,
			InitialComment: truncate(m.Text, maxThreadRunes),
		})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("upload for %s: complete: %w", c.ID, err)
	}
	return summaries[0].ID, nil
}

// uploadOne sends the bytes of one evidence file and returns its summary
// for files.completeUploadExternal.
func (a *Adapter) uploadOne(ctx context.Context, c conversations.Case, f conversations.OutboxFile) (slackapi.FileSummary, error) {
	fh, err := a.openEvidence(ctx, c, f)
	if err != nil {
		return slackapi.FileSummary{}, fmt.Errorf("upload for %s: %w", c.ID, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || st.Size() == 0 {
		return slackapi.FileSummary{}, fmt.Errorf("upload for %s: empty or unreadable file: %w", c.ID, ErrBadMessage)
	}
	name := filepath.Base(f.FileName)
	if f.FileName == "" || name == "." || name == "/" {
		name = "evidence-" + f.SHA256[:12]
	}
	var url *slackapi.GetUploadURLExternalResponse
	err = a.call(ctx, MethodGetUploadURL, "", func() (err error) {
		url, err = a.api.GetUploadURLExternalContext(ctx, slackapi.GetUploadURLExternalParameters{FileName: name, FileSize: int(st.Size())})
		return err
	})
	if err != nil {
		return slackapi.FileSummary{}, fmt.Errorf("upload for %s: get upload URL: %w", c.ID, err)
	}
	if err := a.api.UploadToURL(ctx, slackapi.UploadToURLParameters{UploadURL: url.UploadURL, Reader: fh, Filename: name}); err != nil {
		return slackapi.FileSummary{}, fmt.Errorf("upload for %s: upload: %w", c.ID, err)
	}
	return slackapi.FileSummary{ID: url.FileID, Title: name}, nil
}
