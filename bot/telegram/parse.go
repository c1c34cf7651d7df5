package telegram

import (
	"strings"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/conversations"
)

// fileRef is a file an event carries, still to be downloaded.
type fileRef struct {
	fileID string
	kind   conversations.EvidenceKind
	name   string
	mime   string
	size   int64
}

// parseUpdate turns an update into a dialogue event. ok is false for
// updates the dialogue never sees (edited messages, channel posts...).
// ref is set when the event's file must still be downloaded; a file
// refused by type or size sets ev.FileError instead.
func parseUpdate(upd *models.Update, now time.Time, maxBytes int64) (ev conversations.Event, ref *fileRef, ok bool) {
	switch {
	case upd.Message != nil:
		ev, ref = parseMessage(upd.Message, maxBytes)
	case upd.CallbackQuery != nil:
		ev = parseCallback(upd.CallbackQuery)
	default:
		return conversations.Event{}, nil, false
	}
	ev.At = now
	return ev, ref, true
}

func callbackChat(cq *models.CallbackQuery) int64 {
	switch {
	case cq.Message.Message != nil:
		return cq.Message.Message.Chat.ID
	case cq.Message.InaccessibleMessage != nil:
		return cq.Message.InaccessibleMessage.Chat.ID
	}
	return cq.From.ID // a private chat's ID is its user's ID
}

func parseCallback(cq *models.CallbackQuery) conversations.Event {
	ev := conversations.Event{
		Kind:         conversations.EvCallback,
		ChatID:       callbackChat(cq),
		UserID:       cq.From.ID,
		LanguageCode: cq.From.LanguageCode,
		Data:         cq.Data,
		CallbackID:   cq.ID,
	}
	switch {
	case cq.Message.Message != nil:
		ev.MessageID = cq.Message.Message.ID
	case cq.Message.InaccessibleMessage != nil:
		ev.MessageID = cq.Message.InaccessibleMessage.MessageID
	}
	return ev
}

func parseMessage(m *models.Message, maxBytes int64) (conversations.Event, *fileRef) {
	ev := conversations.Event{ChatID: m.Chat.ID}
	if m.From != nil {
		ev.UserID = m.From.ID
		ev.LanguageCode = m.From.LanguageCode
	}
	unsupported := func(kind string) (conversations.Event, *fileRef) {
		ev.Kind, ev.Text = conversations.EvUnsupported, kind
		return ev, nil
	}
	switch {
	case m.Contact != nil:
		ev.Kind = conversations.EvContact
		ev.Contact = &conversations.Contact{Phone: m.Contact.PhoneNumber, UserID: m.Contact.UserID, Forwarded: m.ForwardOrigin != nil}
		return ev, nil
	case m.Animation != nil: // also carries a Document; check it first
		return unsupported("animation")
	case len(m.Photo) > 0:
		ev.Kind, ev.Text = conversations.EvFile, m.Caption
		p := largestPhoto(m.Photo)
		return fileEvent(ev, fileRef{fileID: p.FileID, kind: conversations.EvidencePhoto, name: "photo.jpg", mime: "image/jpeg", size: int64(p.FileSize)}, maxBytes)
	case m.Document != nil:
		ev.Kind, ev.Text = conversations.EvFile, m.Caption
		d := m.Document
		if !acceptedMIME(d.MimeType) {
			ev.FileError = conversations.FileWrongType
			return ev, nil
		}
		return fileEvent(ev, fileRef{fileID: d.FileID, kind: conversations.EvidenceDocument, name: d.FileName, mime: d.MimeType, size: d.FileSize}, maxBytes)
	case m.Sticker != nil:
		return unsupported("sticker")
	case m.Voice != nil:
		return unsupported("voice")
	case m.VideoNote != nil:
		return unsupported("video_note")
	case m.Video != nil:
		return unsupported("video")
	case m.Audio != nil:
		return unsupported("audio")
	case m.Location != nil:
		return unsupported("location")
	case m.Text != "":
		if cmd, args, ok := parseCommand(m.Text); ok {
			ev.Kind, ev.Command, ev.Args = conversations.EvCommand, cmd, args
		} else {
			ev.Kind, ev.Text = conversations.EvText, m.Text
		}
		return ev, nil
	}
	return unsupported("other")
}

func fileEvent(ev conversations.Event, ref fileRef, maxBytes int64) (conversations.Event, *fileRef) {
	if ref.size > maxBytes {
		ev.FileError = conversations.FileTooBig
		return ev, nil
	}
	return ev, &ref
}

// acceptedMIME reports whether a document may be evidence: images and PDFs.
func acceptedMIME(mime string) bool {
	mime = strings.ToLower(strings.TrimSpace(mime))
	return strings.HasPrefix(mime, "image/") || mime == "application/pdf"
}

// largestPhoto picks the biggest of a photo's sizes.
func largestPhoto(sizes []models.PhotoSize) models.PhotoSize {
	best := sizes[0]
	for _, p := range sizes[1:] {
		if p.Width*p.Height > best.Width*best.Height || (p.Width*p.Height == best.Width*best.Height && p.FileSize > best.FileSize) {
			best = p
		}
	}
	return best
}

// parseCommand reads a leading "/name[@bot] args". The library's matchers
// are not used: they fail on "/cmd@bot" and on UTF-16 entity offsets.
func parseCommand(text string) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	word, rest := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		word, rest = text[:i], text[i:]
	}
	name, _, _ := strings.Cut(word[1:], "@")
	if len(name) < 1 || len(name) > 32 {
		return "", "", false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "", "", false
		}
	}
	return strings.ToLower(name), strings.TrimSpace(rest), true
}
