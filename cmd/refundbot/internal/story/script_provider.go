package story

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rockerstop/refundbot/bot/telegram/tgfake"
)

// cmdProvider is `provider NAME VERB ...`: a provider acts on Telegram.
// Each action waits until the bot has handled it and answered.
//
//	provider asha links +919876543210       /start, then share own contact
//	provider asha says /refund
//	provider asha says-long 10000           a text of that many characters
//	provider asha taps 'Invalid lead'       a button of the last keyboard
//	provider asha taps again 'Submit'       the same button as before, again
//	provider asha sends photo call-log.png  (or document FILE, album FILE...,
//	                                         sticker, video, voice, location)
//	provider asha shares contact +919876543210 [of ravi|of 2002] [forwarded]
func cmdProvider(ts *testscript.TestScript, neg bool, args []string) {
	s := storyOf(ts)
	if neg {
		ts.Fatalf("provider actions cannot be negated: say what the bot answers instead")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: provider NAME links|says|says-long|taps|sends|shares ...")
	}
	p := s.person(ts, args[0])
	verb, rest := args[1], args[2:]
	s.mark(p)
	tg := s.w.TG
	switch verb {
	case "links":
		need(ts, rest, 1, "provider NAME links PHONE")
		tg.UserSends(p.tgID, "/start")
		s.settle(ts, p.tgID)
		tg.UserSharesContact(p.tgID, rest[0], p.tgID, false)
		s.settle(ts, p.tgID)
		s.logs.phone(rest[0])
		if _, err := s.w.App.Store.ProviderByTelegram(s.ctx, p.tgID); err != nil {
			ts.Fatalf("%s is not linked after sharing %s; the bot said:\n%s", p.name, rest[0], s.freshText(p))
		}
	case "says":
		need(ts, rest, 1, "provider NAME says TEXT")
		tg.UserSends(p.tgID, rest[0])
	case "says-long":
		need(ts, rest, 1, "provider NAME says-long LENGTH")
		n, err := strconv.Atoi(rest[0])
		if err != nil || n <= 0 {
			ts.Fatalf("says-long wants a length, got %q", rest[0])
		}
		tg.UserSends(p.tgID, strings.Repeat("a", n))
	case "taps":
		s.tap(ts, p, rest)
	case "sends":
		s.send(ts, p, rest)
	case "shares":
		s.share(ts, p, rest)
	default:
		ts.Fatalf("unknown provider action %q (links, says, says-long, taps, sends, shares)", verb)
	}
	s.settle(ts, p.tgID)
}

func need(ts *testscript.TestScript, args []string, n int, usage string) {
	if len(args) != n {
		ts.Fatalf("usage: %s", usage)
	}
}

// tap taps a button of the bot's last message with an inline keyboard,
// matched by its exact text or else by a unique part of it; "again"
// replays an earlier tap of that button, as a stale or double tap does.
func (s *story) tap(ts *testscript.TestScript, p *person, args []string) {
	if len(args) == 2 && args[0] == "again" {
		for i := len(p.taps) - 1; i >= 0; i-- {
			if t := p.taps[i]; strings.Contains(t.label, args[1]) {
				s.w.TG.UserTapsData(p.tgID, t.msgID, t.data)
				return
			}
		}
		ts.Fatalf("%s never tapped a button %q before", p.name, args[1])
	}
	need(ts, args, 1, "provider NAME taps [again] LABEL")
	label := args[0]
	var msg tgfake.Message
	for _, m := range s.w.TG.BotMessages(p.tgID) {
		if !m.Deleted && len(m.InlineKeyboard) > 0 {
			msg = m
		}
	}
	if msg.ID == 0 {
		ts.Fatalf("%s cannot tap %q: the bot shows no buttons; its last message:\n%s", p.name, label, s.lastText(p))
	}
	b, err := pickButton(msg, label)
	if err != nil {
		ts.Fatalf("%s cannot tap %q: %v\nthe message with the buttons:\n%s", p.name, label, err, indent(renderTelegram(msg)))
	}
	p.taps = append(p.taps, tapped{label: b.Text, msgID: msg.ID, data: b.Data})
	s.w.TG.UserTapsData(p.tgID, msg.ID, b.Data)
}

// pickButton finds label on m: the exact text, else the one button whose
// text contains it.
func pickButton(m tgfake.Message, label string) (tgfake.Button, error) {
	var all, partial []tgfake.Button
	for _, row := range m.InlineKeyboard {
		all = append(all, row...)
	}
	for _, b := range all {
		if b.Text == label {
			return b, nil
		}
		if strings.Contains(strings.ToLower(b.Text), strings.ToLower(label)) {
			partial = append(partial, b)
		}
	}
	switch len(partial) {
	case 1:
		return partial[0], nil
	case 0:
		return tgfake.Button{}, fmt.Errorf("no such button (the buttons are %s)", buttonList(all))
	}
	return tgfake.Button{}, fmt.Errorf("%d buttons match (%s): say more of the label", len(partial), buttonList(partial))
}

func buttonList(bs []tgfake.Button) string {
	var labels []string
	for _, b := range bs {
		labels = append(labels, "'"+b.Text+"'")
	}
	return strings.Join(labels, ", ")
}

// send sends a file or a kind of message the bot does not take as text.
func (s *story) send(ts *testscript.TestScript, p *person, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: provider NAME sends photo|document|album FILE... or sticker|video|voice|location")
	}
	tg, kind, files := s.w.TG, args[0], args[1:]
	switch kind {
	case "photo", "document":
		need(ts, files, 1, "provider NAME sends "+kind+" FILE")
		data := []byte(ts.ReadFile(files[0]))
		if kind == "photo" {
			tg.UserSendsPhoto(p.tgID, data, "")
		} else {
			tg.UserSendsDocument(p.tgID, files[0], mimeOf(files[0]), data)
		}
	case "album":
		if len(files) < 2 {
			ts.Fatalf("usage: provider NAME sends album FILE FILE...")
		}
		s.albums++
		group := fmt.Sprintf("album-%d", s.albums)
		for _, f := range files {
			tg.UserSendsPhoto(p.tgID, []byte(ts.ReadFile(f)), group)
		}
	case "sticker", "video", "voice", "location":
		need(ts, files, 0, "provider NAME sends "+kind)
		map[string]func(int64) int64{
			"sticker": tg.UserSendsSticker, "video": tg.UserSendsVideo,
			"voice": tg.UserSendsVoice, "location": tg.UserSendsLocation,
		}[kind](p.tgID)
	default:
		ts.Fatalf("cannot send %q (photo, document, album, sticker, video, voice, location)", kind)
	}
}

func mimeOf(name string) string {
	switch {
	case strings.HasSuffix(name, ".pdf"):
		return "application/pdf"
	case strings.HasSuffix(name, ".png"):
		return "image/png"
	case strings.HasSuffix(name, ".jpg"), strings.HasSuffix(name, ".jpeg"):
		return "image/jpeg"
	}
	return "application/octet-stream"
}

// share shares a contact: the provider's own by default, someone else's
// with "of NAME" or "of USER_ID", and forwarded with "forwarded".
func (s *story) share(ts *testscript.TestScript, p *person, args []string) {
	if len(args) < 2 || args[0] != "contact" {
		ts.Fatalf("usage: provider NAME shares contact PHONE [of NAME|USER_ID] [forwarded]")
	}
	phone, owner, forwarded := args[1], p.tgID, false
	for i := 2; i < len(args); i++ {
		switch {
		case args[i] == "forwarded":
			forwarded = true
		case args[i] == "of" && i+1 < len(args):
			i++
			if o, ok := s.people[args[i]]; ok {
				owner = o.tgID
			} else if id, err := strconv.ParseInt(args[i], 10, 64); err == nil {
				owner = id
			} else {
				ts.Fatalf("contact of %q: not a provider of the story nor a user ID", args[i])
			}
		default:
			ts.Fatalf("shares contact: unexpected %q (want: of NAME, forwarded)", args[i])
		}
	}
	s.logs.phone(phone)
	s.w.TG.UserSharesContact(p.tgID, phone, owner, forwarded)
}
