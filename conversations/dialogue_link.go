package conversations

import (
	"strconv"

	"github.com/rockerstop/refundbot/policy"
)

// unlinked handles a sender whose Telegram account is linked to no
// provider (or a linked provider sharing a contact again): only the
// provider's own contact links, and only the informational commands work.
func unlinked(t *turn) {
	ev := t.in.Event
	if t.in.Provider == nil {
		t.s.ProviderID = ""
		if t.s.Step != stepLink {
			// Linked before (the account moved to another Telegram user, or
			// a restart lost nothing but the link): start over.
			t.s.Draft, t.s.AnsweringCase = Draft{}, ""
			t.advance(stepLink)
		}
	}
	switch ev.Kind {
	case EvContact:
		contact(t)
	case EvCommand:
		switch ev.Command {
		case "start":
			unlinkedStart(t)
		case "help", "policy", "support", "language":
			info(t, ev.Command)
		default:
			t.send(t.text(policy.KeyLinkRequired))
			t.contactButton()
		}
	case EvCallback:
		if t.cb.Action == actLang {
			setLanguage(t, policy.Lang(t.cb.Arg))
			return
		}
		t.out.Result.CallbackText = policy.Text(t.lang, policy.KeyLinkRequired, nil)
		t.send(t.text(policy.KeyLinkPrompt))
		t.contactButton()
	default:
		t.send(t.text(policy.KeyLinkPrompt))
		t.contactButton()
	}
}

// contactButton shows the reply keyboard with the contact button on the
// last reply.
func (t *turn) contactButton() {
	r := &t.out.Replies[len(t.out.Replies)-1]
	r.RequestContact = true
	r.ContactLabel = t.label(policy.KeyBtnShareContact)
}

// contact links the sender when the contact is their own (same Telegram
// user, not forwarded) and its number belongs to a registered provider.
// One Telegram account per provider: the provider's previous account is
// unlinked, and told so.
func contact(t *turn) {
	c := t.in.Event.Contact
	switch {
	case c == nil:
		t.send(t.text(policy.KeyLinkPrompt))
		t.contactButton()
		return
	case c.Forwarded:
		t.send(t.text(policy.KeyLinkForwarded))
		t.contactButton()
		return
	case !ownContact(t.in.Event):
		t.send(t.text(policy.KeyLinkNotOwnContact))
		t.contactButton()
		return
	case t.in.Contact == nil:
		t.send(t.text(policy.KeyLinkUnknownNumber, "email", supportEmail(t.in.Policy)))
		t.contactButton()
		return
	}
	p := *t.in.Contact
	t.out.Intent, t.out.LinkProvider = intentLink, p.ID
	t.s.ProviderID = p.ID
	if p.Language != "" {
		t.lang, t.s.Language = p.Language, p.Language
	}
	if t.s.Step == stepLink || t.s.Step == "" {
		t.advance(stepIdle)
	}
	text := t.text(policy.KeyLinked, "name", p.Name)
	if old := p.TelegramUserID; old != 0 && old != t.in.Event.UserID {
		text += "\n\n" + t.text(policy.KeyLinkRelinked)
		// In a private chat the chat ID is the user ID: tell the old account.
		oldLang := p.Language
		if oldLang == "" {
			oldLang = t.lang
		}
		r := Reply{Text: policy.Msg(policy.KeyLinkUnlinkedOld, "email", supportEmail(t.in.Policy)).Render(oldLang, EscapeHTML)}
		t.out.Extra = append(t.out.Extra, OutboxMessage{Transport: Telegram, Kind: OutTelegramReply,
			Recipient: strconv.FormatInt(old, 10), Reply: &r})
	}
	t.out.Replies = append(t.out.Replies, Reply{Text: text, RemoveKeyboard: true})
	afterLink(t)
}
