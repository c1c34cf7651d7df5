package conversations

import (
	"strconv"
	"strings"

	"github.com/rockerstop/refundbot/policy"
)

// maxStatusCases and maxBalanceEntries bound the /status and /balance lists.
const (
	maxStatusCases    = 10
	maxBalanceEntries = 5
)

// command runs a bot command of a linked provider. Informational commands
// leave any flow as it is, buttons included.
func command(t *turn, name, args string) {
	switch name {
	case "start":
		// "/start refund_<LEAD>" (a deep link) starts a refund of that
		// lead; any other parameter is a plain /start: the menu.
		if lead, ok := DeepLinkLead(args); ok {
			deepLink(t, lead)
			return
		}
		t.send(t.text(policy.KeyHelp), t.menu()...)
	case "refund":
		if t.inFlow() {
			t.send(t.text(policy.KeyDraftInProgress), []Button{
				t.button(policy.KeyBtnContinue, actContinue, ""), t.button(policy.KeyBtnCancel, actCancel, "")})
			return
		}
		startRefund(t)
	case "status":
		status(t)
	case "appeal":
		appealCommand(t, args)
	case "balance":
		balance(t)
	case "cancel":
		if !t.inFlow() {
			t.send(t.text(policy.KeyNothingToCancel))
			return
		}
		t.resetFlow()
		t.send(t.text(policy.KeyCancelled))
	default:
		info(t, name)
	}
}

// info answers the commands that work linked or not; it reports false
// for a command it does not know (after saying so).
func info(t *turn, name string) bool {
	cfg := t.in.Policy
	switch name {
	case "help":
		t.send(t.text(policy.KeyHelp))
	case "policy":
		t.send(t.text(policy.KeyPolicyText,
			"window_days", strconv.Itoa(cfg.RefundWindowDays),
			"min_attempts", strconv.Itoa(cfg.NonResponsive.MinAttempts),
			"min_days", strconv.Itoa(cfg.NonResponsive.MinDays),
			"min_wait_hours", strconv.Itoa(cfg.NonResponsive.MinWaitHours),
			"max_leads", strconv.Itoa(cfg.MaxLeadsPerCase),
			"email", supportEmail(cfg)))
	case "support":
		t.send(t.text(policy.KeySupport, "email", supportEmail(cfg)))
	case "language":
		t.send(t.text(policy.KeyLanguageChoose), []Button{
			t.button(policy.KeyBtnLangEnglish, actLang, string(policy.LangEnglish)),
			t.button(policy.KeyBtnLangHindi, actLang, string(policy.LangHindi))})
	default:
		t.send(t.text(policy.KeyUnknownCommand, "command", name))
		return false
	}
	return true
}

// status lists the provider's open cases and those closed lately.
func status(t *turn) { statusList(t) }

// balance shows the wallet and its latest entries, newest first.
func balance(t *turn) {
	var w Wallet
	if t.in.Wallet != nil {
		w = *t.in.Wallet
	}
	lines := []string{t.text(policy.KeyBalanceHeader, "balance", coins(w.Balance))}
	if len(w.Entries) == 0 {
		lines = append(lines, t.text(policy.KeyBalanceNone))
	}
	for i := len(w.Entries) - 1; i >= 0 && i >= len(w.Entries)-maxBalanceEntries; i-- {
		e := w.Entries[i]
		amount := coins(e.Coins)
		if e.Coins > 0 {
			amount = "+" + amount
		}
		date, kind := policy.FormatDate(e.At, t.in.Now.Location()), t.label(policy.EntryKindKey(string(e.Kind)))
		if e.Kind == EntryOpening {
			// Its Ref is storage's English note, not a lead or case ID:
			// the kind says it all, in the provider's language.
			lines = append(lines, t.text(policy.KeyBalanceLineBare, "date", date, "kind", kind, "coins", amount))
			continue
		}
		lines = append(lines, t.text(policy.KeyBalanceLine, "date", date, "kind", kind, "coins", amount, "ref", e.Ref))
	}
	t.send(strings.Join(lines, "\n"))
}

// callback runs a current (non-stale) button of a linked provider.
func callback(t *turn) {
	cb := t.cb
	t.out.Result = Result{}
	switch cb.Action {
	case actMenu:
		command(t, cb.Arg, "")
	case actLang:
		setLanguage(t, policy.Lang(cb.Arg))
	case actCancel:
		if !t.inFlow() {
			t.show(t.text(policy.KeyNothingToCancel))
			return
		}
		t.resetFlow()
		t.show(t.text(policy.KeyCancelled))
	case actContinue:
		reprompt(t)
	case actAnsSend:
		sendAnswer(t)
	case actAppeal:
		startAppeal(t, cb.Arg)
	case actAppealSend:
		sendAppeal(t)
	case actWithdraw, actWithdrawYes, actWithdrawNo:
		withdrawCallback(t, cb)
	default:
		flowCallback(t, cb)
	}
}

// setLanguage switches the provider's language (saved by the engine).
func setLanguage(t *turn, l policy.Lang) {
	if l != policy.LangEnglish && l != policy.LangHindi {
		t.out = stale(t)
		return
	}
	t.lang, t.s.Language = l, l
	if t.in.Provider != nil {
		t.out.Intent = intentLanguage
	}
	t.show(t.text(policy.KeyLanguageChanged))
}

// isMenuCallback reports whether callback data is the menu button of a
// command (read decides from it whether to load the wallet or cases).
func isMenuCallback(data, name string) bool {
	cb, ok := ParseCallback(data)
	return ok && cb.Action == actMenu && cb.Arg == name
}
