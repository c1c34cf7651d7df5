package telegram

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text, cmd, args string
		ok              bool
	}{
		{"/start", "start", "", true},
		{"/start ref_abc", "start", "ref_abc", true},
		{"/Refund@RefundBot  RF-1 extra ", "refund", "RF-1 extra", true},
		{"/refund@RefundBot", "refund", "", true},
		{"/status\nmore", "status", "more", true},
		{"/", "", "", false},
		{"/ start", "", "", false},
		{"/статус", "", "", false},
		{"hello /help", "", "", false},
		{"/" + string(bytes.Repeat([]byte("a"), 33)), "", "", false},
	}
	for _, tt := range tests {
		cmd, args, ok := parseCommand(tt.text)
		if cmd != tt.cmd || args != tt.args || ok != tt.ok {
			t.Errorf("parseCommand(%q) = %q, %q, %v; want %q, %q, %v", tt.text, cmd, args, ok, tt.cmd, tt.args, tt.ok)
		}
	}
}

func TestAcceptedMIME(t *testing.T) {
	for mime, want := range map[string]bool{
		"image/png": true, "image/jpeg": true, "IMAGE/HEIC": true, "application/pdf": true,
		"application/zip": false, "video/mp4": false, "": false, "text/html": false,
	} {
		if got := acceptedMIME(mime); got != want {
			t.Errorf("acceptedMIME(%q) = %v, want %v", mime, got, want)
		}
	}
}

func TestLargestPhoto(t *testing.T) {
	got := largestPhoto([]models.PhotoSize{{FileID: "m", Width: 320, Height: 240}, {FileID: "l", Width: 1280, Height: 960}, {FileID: "s", Width: 90, Height: 60}})
	if got.FileID != "l" {
		t.Fatalf("got %s, want l", got.FileID)
	}
}

func TestCallbackWithoutMessage(t *testing.T) {
	// An inline-mode callback has no message; the chat is the user's.
	ev, _, ok := parseUpdate(&models.Update{CallbackQuery: &models.CallbackQuery{ID: "q", From: models.User{ID: 5}, Data: "d"}}, fixedNow(), 1)
	if !ok || ev.ChatID != 5 || ev.MessageID != 0 || ev.Data != "d" {
		t.Fatalf("got %+v", ev)
	}
	if _, _, ok := parseUpdate(&models.Update{EditedMessage: &models.Message{Text: "x"}}, fixedNow(), 1); ok {
		t.Fatal("an edited message reached the dialogue")
	}
}

func TestStoreFile(t *testing.T) {
	dir := t.TempDir()
	data := []byte("screenshot bytes")
	sum, n, err := storeFile(dir, bytes.NewReader(data), 100)
	want := sha256.Sum256(data)
	if err != nil || sum != hex.EncodeToString(want[:]) || n != int64(len(data)) {
		t.Fatalf("storeFile = %s, %d, %v", sum, n, err)
	}
	if again, _, err := storeFile(dir, bytes.NewReader(data), 100); err != nil || again != sum {
		t.Fatalf("storing twice: %s, %v", again, err)
	}
	if _, _, err := storeFile(dir, bytes.NewReader(make([]byte, 101)), 100); !errors.Is(err, errTooBig) {
		t.Fatalf("101 bytes with max 100: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != sum {
		t.Fatalf("dir holds %v, want only %s (no temp files)", entries, sum)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, sum)); !bytes.Equal(got, data) {
		t.Fatalf("content %q", got)
	}
}

func fixedNow() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }

// An update the models cannot decode is still saved under its update_id
// (and dropped, logged, when handled); only one without an ID is refused.
func TestInboundOfKeepsUndecodableUpdates(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	in, err := inboundOf([]byte(`{"update_id":42,"message":"not an object"}`), now)
	if err != nil || in.ID != 42 || in.ChatID != 0 || string(in.Raw) != `{"update_id":42,"message":"not an object"}` {
		t.Fatalf("inboundOf(undecodable) = %+v, %v; want it saved as update 42", in, err)
	}
	in, err = inboundOf([]byte(`{"update_id":43,"message":{"message_id":1,"chat":{"id":77,"type":"private"}}}`), now)
	if err != nil || in.ChatID != 77 {
		t.Fatalf("inboundOf(message) = %+v, %v; want chat 77", in, err)
	}
	for _, bad := range []string{`{"message":{}}`, `not json`} {
		if _, err := inboundOf([]byte(bad), now); err == nil {
			t.Errorf("inboundOf(%s) accepted an update without update_id", bad)
		}
	}
}

// chatOf is the chat of an update read with the library's models: what\n// inboundOf's light read must agree with.
func chatOf(upd *models.Update) int64 {
	switch {
	case upd.Message != nil:
		return upd.Message.Chat.ID
	case upd.EditedMessage != nil:
		return upd.EditedMessage.Chat.ID
	case upd.CallbackQuery != nil:
		return callbackChat(upd.CallbackQuery)
	}
	return 0
}

// FuzzUpdateKeys: the chat inboundOf keys an update by, read without the
// library's models, is the chat those models give, for every update they
// decode (accessible and inaccessible callback messages alike).
func FuzzUpdateKeys(f *testing.F) {
	for _, seed := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":5,"chat":{"id":77,"type":"private"},"text":"hi"}}`,
		`{"update_id":2,"edited_message":{"message_id":1,"date":5,"chat":{"id":-100,"type":"group"}}}`,
		`{"update_id":3,"callback_query":{"id":"q","from":{"id":9},"message":{"message_id":4,"date":5,"chat":{"id":78,"type":"private"}},"data":"x"}}`,
		`{"update_id":4,"callback_query":{"id":"q","from":{"id":9},"message":{"message_id":4,"date":0,"chat":{"id":79,"type":"private"}}}}`,
		`{"update_id":5,"callback_query":{"id":"q","from":{"id":9},"inline_message_id":"i"}}`,
		`{"update_id":6,"message":"not an object"}`,
		`{"update_id":7,"my_chat_member":{"chat":{"id":5}}}`,
		`{"update_id":8,"message":{"chat":{"id":1}},"Message":{"chat":{"id":2}}}`,
		`{"update_id":9,"callback_query":{"id":"q","from":{"id":9},"message":null}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		in, err := inboundOf(raw, fixedNow())
		var upd models.Update
		if json.Unmarshal(raw, &upd) != nil {
			return
		}
		if err != nil {
			if upd.ID != 0 {
				t.Fatalf("inboundOf refused update %d the models read: %v", upd.ID, err)
			}
			return
		}
		if in.ID != upd.ID || in.ChatID != chatOf(&upd) {
			t.Fatalf("inboundOf keys %s as update %d chat %d; the models read update %d chat %d", raw, in.ID, in.ChatID, upd.ID, chatOf(&upd))
		}
	})
}
