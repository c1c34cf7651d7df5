package playground

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRefund is the page's own "How to try it" (and README's "Try
// it") in a real browser, step by step: START, the contact button (one
// phone emoji on it), /refund tapped in the bot's message, the reason,
// the lead as a button, a bundled screenshot, Submit; an agent approves
// the card (through its confirm dialog), and the provider sees the coins
// arrive: the bot's message and the new balance on the page. On a
// phone-sized window the panes become tabs, and nothing in the header or
// the pickers is cut off. Every wait is bounded; a step that does not
// happen fails the test.
func TestBrowserRefund(t *testing.T) {
	r := newPGRig(t)
	p := newPage(t, r.URL)
	balance := `Number(document.querySelector('.balance[data-provider="P-1001"] .coins').textContent)`
	before := eval[int](p, balance)

	p.waitJS("the sample provider's phone and leads on the page", `(() => {
		const t = document.getElementById("provider").innerText;
		return t.includes("P-1001") && t.includes("+91 98100 12345") && t.includes("L-2001") && t.includes("L-2003") })()`)
	p.clickLast("#start-btn", "START")
	p.chatSays("share the phone number")
	p.waitJS("the contact button", `!!document.querySelector("#kbd button.contact")`)
	if label := eval[string](p, `document.querySelector("#kbd button.contact").innerText`); strings.Count(label, "📱") != 1 || !strings.Contains(label, "Share my phone number") {
		t.Errorf("the contact button reads %q, want one 📱 and \"Share my phone number\"", label)
	}
	p.clickLast("#kbd button.contact", "Share my phone number")
	p.chatSays("now linked")

	// /refund in the bot's message is tappable, as in Telegram.
	p.clickLast("#chat .msg.bot .cmd", "/refund")
	p.waitJS("the provider's /refund in the chat", `[...document.querySelectorAll("#chat .msg.user")].some((m) => m.innerText.trim() === "/refund")`)
	p.clickLast("#chat .inline-btn", "Invalid lead")
	p.clickLast("#chat .inline-btn", "Wrong or fake number")
	p.chatSays("Send the ID of the lead")
	p.clickLast("#chat .inline-btn", "L-2001")
	p.chatSays("Lead L-2001 added: 120 coins")
	p.step("open the attach menu", chromedpClick("#attach"))
	p.clickLast(`.sample[data-name="call-log.png"]`, "Call log")
	p.waitJS("the photo in the chat", `!!document.querySelector('#chat .msg.user img[src="/samples/call-log.png"]')`)
	p.chatSays("Got it")
	p.clickLast("#chat .inline-btn", "Submit")
	p.chatSays("RF-1 is submitted")

	card := `[...document.querySelectorAll("#channel .card")].find((c) => c.innerText.includes("RF-1"))`
	p.waitJS("the case card with the screenshot in its thread",
		`(() => { const c = `+card+`; return !!c && !!c.querySelector(".thread img") && c.querySelector(".thread img").naturalWidth > 0 })()`)
	if path := os.Getenv(screenshotEnv); path != "" {
		p.screenshot(path)
	}

	p.clickLast(`#channel .card button[data-action="approve_all"]`, "Approve all")
	p.waitJS("the confirm dialog", `!document.getElementById("confirm").hidden`)
	p.clickLast("#confirm-yes", "Approve")
	p.chatSays("120 coins are back in your wallet")
	want := before + 120
	p.waitJS("the new balance "+strconv.Itoa(want), balance+` === `+strconv.Itoa(want))
	p.waitJS("the card decided in place", `(() => { const c = `+card+`; return !!c && c.innerText.includes("Approved") && !c.querySelector('button[data-action="approve_all"]') })()`)

	// A phone-sized window: one pane at a time, switched by tabs; every
	// wallet chip and both pickers inside the window, the pickers wide
	// enough for the name they show.
	p.step("a phone-sized window", chromedpViewport(390, 844))
	p.waitJS("the tabs on a narrow window", `getComputedStyle(document.querySelector(".tabs")).display !== "none"`)
	p.notClipped("#balances .balance", "#persona")
	if path := os.Getenv(phoneScreenshotEnv); path != "" {
		p.screenshot(path)
	}
	p.step("switch to Slack", chromedpClick("#tab-sl"))
	p.waitJS("only the Slack pane shown", `document.getElementById("sl").offsetParent !== null && document.getElementById("tg").offsetParent === null`)
	p.notClipped("#agent")
}

// TestBrowserDeepLinkInHindi: Sunita Sharma, who reads Hindi, taps her
// lead's button on the page (its refund deep link), shares her phone and
// lands on the reason with the lead added, in Hindi. The page must show
// Devanagari and emoji as glyphs, not as missing-glyph boxes: each
// character of the bot's message is drawn and compared with a drawing
// of Private Use Area code points, which no font here covers.
func TestBrowserDeepLinkInHindi(t *testing.T) {
	r := newPGRig(t)
	p := newPage(t, r.URL)
	p.step("play Sunita Sharma", chromedp.SetValue(chromedp.CSS("#persona"), "7001002"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("persona").dispatchEvent(new Event("change"))`))
	p.clickLast(`#provider button.lead[data-lead="L-2004"]`, "L-2004")
	p.waitJS("the deep link's /start in the chat", `[...document.querySelectorAll("#chat .msg.user")].some((m) => m.innerText.includes("/start refund_L-2004"))`)
	p.chatSays("L-2004")
	p.clickLast("#kbd button.contact", "📱")
	p.chatSays("60") // the lead's coins, with the reasons to choose from
	p.waitJS("the Hindi reason buttons", `[...document.querySelectorAll("#chat .inline-btn")].some((b) => /[\u0900-\u097F]/.test(b.innerText))`)

	type glyph struct {
		Char string `json:"ch"`
		Same bool   `json:"same"`
	}
	type report struct {
		Chars       []glyph `json:"chars"`
		BoxesDiffer bool    `json:"boxesDiffer"`
		BoxInk      bool    `json:"boxInk"`
	}
	got := eval[report](p, `(() => {
		const bubble = [...document.querySelectorAll("#chat .msg.bot .bubble")].pop();
		const font = getComputedStyle(bubble).font;
		const draw = (s) => {
			const c = document.createElement("canvas");
			c.width = 96; c.height = 64;
			const x = c.getContext("2d");
			x.font = font; x.fillStyle = "#000"; x.textBaseline = "top";
			x.fillText(s, 8, 8);
			return Array.from(x.getImageData(0, 0, 96, 64).data).join(",");
		};
		const box = draw("\uE000"), box2 = draw("\uE001"), blank = draw("");
		const text = bubble.innerText + " " + [...document.querySelectorAll("#chat .inline-btn")].map((b) => b.innerText).join(" ");
		const letters = [...new Set(text.match(/[\u0915-\u0939]/g) || [])].slice(0, 8);
		const emoji = [...new Set(document.getElementById("chat").innerText.match(/\p{Extended_Pictographic}/gu) || [])].slice(0, 3);
		return {
			chars: [...letters, ...emoji].map((ch) => ({ ch, same: draw(ch) === box })),
			boxesDiffer: box !== box2, boxInk: box !== blank,
		};
	})()`)
	if got.BoxesDiffer {
		t.Fatalf("two Private Use Area code points drew differently: some font covers them, so they are no missing-glyph reference")
	}
	letters, emoji := 0, 0
	for _, g := range got.Chars {
		if g.Same {
			t.Errorf("%q draws as the missing-glyph box (is fonts-noto-core / fonts-noto-color-emoji installed?)", g.Char)
		}
		if r := []rune(g.Char)[0]; r >= 0x0900 && r <= 0x097F {
			letters++
		} else {
			emoji++
		}
	}
	if letters < 5 || emoji < 1 {
		t.Errorf("checked %d Devanagari letters and %d emoji of the Hindi flow, want at least 5 and 1: %+v", letters, emoji, got.Chars)
	}
	t.Logf("checked %d Devanagari letters and %d emoji against the missing-glyph box (which has ink: %v)", letters, emoji, got.BoxInk)
}

// TestBrowserModals: the card's modals on the page. Approve some… shows a
// checkbox per lead and Cancel closes it; Reject… submitted without a
// reason shows the app's error under the reason and stays open; with a
// reason the case is rejected and the provider is told.
func TestBrowserModals(t *testing.T) {
	r := newPGRig(t)
	r.fileRefund() // through the API; the page is only the agent here
	p := newPage(t, r.URL)

	p.clickLast(`#channel .card button[data-action="approve_some"]`, "Approve some")
	p.waitJS("the Approve some modal with a checkbox for L-2001",
		`!document.getElementById("modal").hidden && document.querySelector('#modal-body input[type=checkbox][value="L-2001"]') !== null`)
	p.clickLast("#modal-cancel", "Cancel")
	p.waitJS("the modal to close", `document.getElementById("modal").hidden`)

	p.clickLast(`#channel .card button[data-action="reject"]`, "Reject")
	p.waitJS("the Reject modal", `document.getElementById("modal-title").textContent === "Reject refund"`)
	p.clickLast("#modal-submit", "Reject")
	p.waitJS("the app's error under the reason",
		`(() => { const e = document.querySelector('.field[data-block="reason"] .error'); return !!e && !e.hidden && e.textContent.length > 0 })()`)
	if open := eval[bool](p, `!document.getElementById("modal").hidden`); !open {
		t.Fatal("the modal closed after a refused submission")
	}
	p.step("choose a reason", chromedp.SetValue(chromedp.CSS("#in-reason"), r.firstRejectReason()),
		chromedp.SendKeys(chromedp.CSS("#in-note"), "The call log shows the number rang."))
	p.clickLast("#modal-submit", "Reject")
	p.waitJS("the modal to close", `document.getElementById("modal").hidden`)
	r.botSaid("RF-1")
	p.waitJS("the card rejected in place", `[...document.querySelectorAll("#channel .card")].some((c) => c.innerText.includes("Rejected") && !c.querySelector('button[data-action="reject"]'))`)
}
