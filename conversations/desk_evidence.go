package conversations

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rockerstop/refundbot/policy"
)

// Limits of one evidence thread message. Slack truncates message text past
// 40,000 characters and advises keeping it under 4,000; the initial comment
// of files.completeUploadExternal becomes the text of the same kind of
// message. Files per files.completeUploadExternal call are kept to a
// number Slack shows as one message.
const (
	MaxEvidenceText  = 3900
	MaxEvidenceFiles = 10
	// headerRoom is kept free in each part for its header line.
	headerRoom = 200
)

// OutboxFile is one evidence file of an OutSlackUpload message.
type OutboxFile struct {
	SHA256   string `json:"sha256"`
	FileName string `json:"file_name,omitempty"`
	// FileID is the Telegram file_id to fetch the file again with when
	// the delivering replica's evidence_dir lacks it (Evidence.FileID).
	FileID string `json:"file_id,omitempty"`
}

// evidenceMessages are the thread messages that carry pieces (a submit's
// evidence, or an answer to an agent's question) to the card's thread:
// every file and every note, verbatim and escaped, in one message (an
// upload whose initial comment holds the notes, or a text message when
// there is no file). Only when the notes pass MaxEvidenceText, or the
// files MaxEvidenceFiles, does it continue in further thread messages;
// nothing is cut. head is the first message's header key (it takes case,
// files and notes). Pure.
func evidenceMessages(caseID, channel string, head policy.Key, pieces []Evidence) []OutboxMessage {
	var files []OutboxFile
	var notes []string
	for _, p := range pieces {
		switch {
		case p.Kind == EvidenceText:
			notes = append(notes, p.Text)
		case p.SHA256 != "":
			files = append(files, OutboxFile{SHA256: p.SHA256, FileName: p.FileName, FileID: p.FileID})
		}
	}
	if len(files) == 0 && len(notes) == 0 {
		return nil
	}
	texts := packNotes(notes, MaxEvidenceText-headerRoom)
	var groups [][]OutboxFile
	for len(files) > 0 {
		n := min(len(files), MaxEvidenceFiles)
		groups = append(groups, files[:n])
		files = files[n:]
	}
	parts := max(len(texts), len(groups), 1)
	var msgs []OutboxMessage
	for i := range parts {
		header := agentText(policy.KeyThreadSubmitMore, "case", caseID,
			"part", strconv.Itoa(i+1), "parts", strconv.Itoa(parts))
		if i == 0 {
			header = agentText(head, "case", caseID,
				"files", strconv.Itoa(countFiles(pieces)), "notes", strconv.Itoa(len(notes)))
		}
		text := header
		if i < len(texts) {
			text += "\n" + texts[i]
		}
		m := OutboxMessage{Transport: Slack, Kind: OutSlackThread, Recipient: channel, CaseID: caseID, Text: text}
		if i < len(groups) {
			m.Kind, m.Files = OutSlackUpload, groups[i]
		}
		msgs = append(msgs, m)
	}
	return msgs
}

// packNotes renders each note under its numbered label, escaped for
// mrkdwn, and packs them in order into texts of at most limit characters;
// a note too long for one text is split across several (between
// characters, never inside an escape).
func packNotes(notes []string, limit int) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	size := func() int { return utf8.RuneCountInString(cur.String()) }
	for i, note := range notes {
		label := agentText(policy.KeyThreadNote, "n", strconv.Itoa(i+1))
		rest := EscapeMrkdwn(note)
		first := true
		for first || rest != "" {
			sep := ""
			if cur.Len() > 0 {
				sep = "\n\n"
			}
			lead := label
			if !first {
				lead = label + " …"
			}
			room := limit - size() - utf8.RuneCountInString(sep+lead+"\n")
			if room < 100 && cur.Len() > 0 {
				flush()
				continue
			}
			chunk, tail := cutEscaped(rest, room)
			cur.WriteString(sep + lead + "\n" + chunk)
			rest, first = tail, false
			if rest != "" {
				flush()
			}
		}
	}
	flush()
	return out
}

// cutEscaped splits escaped mrkdwn s after at most n characters, never
// inside an entity (&amp; &lt; &gt;).
func cutEscaped(s string, n int) (string, string) {
	if utf8.RuneCountInString(s) <= n {
		return s, ""
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		count++
	}
	if amp := strings.LastIndexByte(s[:i], '&'); amp >= 0 && !strings.Contains(s[amp:i], ";") && amp > 0 {
		i = amp
	}
	return s[:i], s[i:]
}

// AccountQuote is the start of the provider's account for the card: the
// first note, at most lines lines and chars characters, escaped for mrkdwn
// and quoted; "" when the case has no note.
func AccountQuote(ev []Evidence, lines, chars int) string {
	for _, e := range ev {
		if e.Kind != EvidenceText || strings.TrimSpace(e.Text) == "" {
			continue
		}
		text := strings.TrimSpace(e.Text)
		ls := strings.Split(text, "\n")
		cut := false
		if len(ls) > lines {
			ls, cut = ls[:lines], true
		}
		text = strings.Join(ls, "\n")
		if utf8.RuneCountInString(text) > chars {
			text, cut = string([]rune(text)[:chars]), true
		}
		if cut {
			text = strings.TrimRight(text, " \n") + " …"
		}
		return "> " + strings.ReplaceAll(EscapeMrkdwn(text), "\n", "\n> ")
	}
	return ""
}
