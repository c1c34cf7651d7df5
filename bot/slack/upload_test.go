package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/rockerstop/refundbot/conversations"
)

// TestUploadManyFilesAsOneMessage: an OutSlackUpload with several files
// and the notes as its text becomes ONE thread message in the fake Slack,
// holding every file's bytes and the text as its initial comment.
func TestUploadManyFilesAsOneMessage(t *testing.T) {
	r := newRig(t, smallCase())
	ctx := context.Background()
	ts := r.postCard(t, "RF-12")
	cs := smallCase()
	cs.CardChannel, cs.CardTS = "C1", ts
	var files []conversations.OutboxFile
	want := map[string]string{}
	for _, body := range []string{"first png", "second png", "a pdf"} {
		sum := sha256.Sum256([]byte(body))
		name := hex.EncodeToString(sum[:])
		if err := os.WriteFile(filepath.Join(r.a.opts.EvidenceDir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, conversations.OutboxFile{SHA256: name, FileName: body + ".bin"})
		want[body+".bin"] = body
	}
	text := "*Note 1:*\nCharged &lt;twice&gt;"
	if _, err := r.a.Send(ctx, conversations.OutboxMessage{Kind: conversations.OutSlackUpload, Files: files, Text: text}, cs, smallInfo()); err != nil {
		t.Fatal(err)
	}
	th := r.fake.Thread("C1", ts)
	if len(th) != 1 {
		t.Fatalf("thread has %d messages, want 1: %+v", len(th), th)
	}
	if th[0].Text != text {
		t.Errorf("initial comment %q, want %q", th[0].Text, text)
	}
	if len(th[0].Files) != len(files) {
		t.Fatalf("message carries %d files, want %d", len(th[0].Files), len(files))
	}
	for _, f := range th[0].Files {
		if want[f.Name] != string(f.Content) {
			t.Errorf("file %s holds %q, want %q", f.Name, f.Content, want[f.Name])
		}
	}
}
