package playground

import (
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRefund is the "done when" in a real browser: on the
// page, a provider links with the contact button and files a case with a
// bundled screenshot, an agent approves the card (through its confirm
// dialog), and the provider sees the coins arrive: the bot's message and
// the new balance on the page. On a phone-sized window the panes become
// tabs. Every wait is bounded; a step that does not happen fails the test.
func TestBrowserRefund(t *testing.T) {
	r := newPGRig(t)
	p := newPage(t, r.URL)
	balance := `Number(document.querySelector('.balance[data-provider="P-1001"] .coins').textContent)`
	before := eval[int](p, balance)

	p.send("/start")
	p.chatSays("share the phone number")
	p.clickLast("#kbd button.contact", "Share")
	p.chatSays("now linked")

	p.send("/refund")
	p.clickLast("#chat .inline-btn", "Invalid lead")
	p.clickLast("#chat .inline-btn", "Wrong or fake number")
	p.chatSays("Send the ID of the lead")
	p.send("L-2001")
	p.clickLast("#chat .inline-btn", "Done with leads")
	p.chatSays("send your evidence")
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

	// A phone-sized window: one pane at a time, switched by tabs.
	p.step("a phone-sized window", chromedpViewport(390, 800))
	p.waitJS("the tabs on a narrow window", `getComputedStyle(document.querySelector(".tabs")).display !== "none"`)
	p.step("switch to Slack", chromedpClick("#tab-sl"))
	p.waitJS("only the Slack pane shown", `document.getElementById("sl").offsetParent !== null && document.getElementById("tg").offsetParent === null`)
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
