package telegram_test

import (
	"os"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/rockerstop/refundbot/policy"
)

// Refunds are handled in private chats only. In a group or supergroup the
// bot answers a command, a contact or a photo with one message saying so
// (in the sender's language), stays silent on plain talk, downloads no
// file and hands nothing to the dialogue, so nothing is kept.
func TestGroupChatsGetPrivateOnlyAnswerAndKeepNothing(t *testing.T) {
	h := newHarness(t)
	h.start(t)
	const group, super, u, hiUser = -100123, -100456, 21, 22
	h.tg.SetUserLanguage(hiUser, "hi")
	h.tg.UserSendsInGroup(group, u, models.ChatTypeGroup, "/start")
	h.tg.UserSendsInGroup(group, u, models.ChatTypeGroup, "hello everyone, L-2001 please")
	h.tg.UserSendsPhotoInGroup(group, u, models.ChatTypeGroup, []byte("screenshot"))
	h.tg.UserSharesContactInGroup(group, u, models.ChatTypeGroup, "+91 98765 43210")
	h.tg.UserSendsInGroup(super, hiUser, models.ChatTypeSupergroup, "/refund@RefundBot")
	// A private message after them still reaches the dialogue.
	h.tg.UserSends(u, "/start")

	evs := waitEvents(t, h.dlg, 1)
	waitFor(t, "all updates done", func() bool { _, d := h.inbox.counts(); return d == 6 })
	if len(evs) != 1 || evs[0].ChatID != u || evs[0].Command != "start" {
		t.Fatalf("the dialogue saw %+v, want only the private /start", evs)
	}
	if n := len(h.dlg.seen()); n != 1 {
		t.Errorf("the dialogue saw %d events, want 1", n)
	}
	if got := h.tg.Calls("getFile"); got != 0 {
		t.Errorf("getFile called %d times for a group photo", got)
	}
	if entries, _ := os.ReadDir(h.opts.EvidenceDir); len(entries) != 0 {
		t.Errorf("a group photo left %d file(s) in the evidence dir", len(entries))
	}
	en := policy.Text(policy.LangEnglish, policy.KeyPrivateOnly, nil)
	hi := policy.Text(policy.LangHindi, policy.KeyPrivateOnly, nil)
	bot := h.tg.BotMessages(group)
	if len(bot) != 3 {
		t.Fatalf("the bot sent %d message(s) in the group, want 3 (command, photo, contact; none for talk): %+v", len(bot), bot)
	}
	for _, m := range bot {
		if m.Plain != en {
			t.Errorf("group answer %q, want %q", m.Plain, en)
		}
	}
	if bot := h.tg.BotMessages(super); len(bot) != 1 || bot[0].Plain != hi {
		t.Errorf("supergroup answers %+v, want one in Hindi", bot)
	}
	if bot := h.tg.BotMessages(u); len(bot) != 0 {
		t.Errorf("the bot wrote %d message(s) in the private chat on its own", len(bot))
	}
}
