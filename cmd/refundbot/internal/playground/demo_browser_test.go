package playground

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test needs Debian's chromium. Locally it is skipped when the
// binary is missing; CI sets REFUNDBOT_BROWSER_TESTS=1, which turns a
// missing browser into a failure.
const (
	chromiumPath   = "/usr/bin/chromium"
	browserTestEnv = "REFUNDBOT_BROWSER_TESTS"
	// screenshotEnv names a PNG file the test writes mid-flow (for the README).
	screenshotEnv = "REFUNDBOT_PLAYGROUND_SCREENSHOT"
	// phoneScreenshotEnv names a PNG file the test writes at phone width.
	phoneScreenshotEnv = "REFUNDBOT_PLAYGROUND_PHONE_SCREENSHOT"
	browserStep        = 20 * time.Second
)

// page drives the playground in a headless chromium.
type page struct {
	t   *testing.T
	ctx context.Context
}

func newPage(t *testing.T, url string) *page {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv(browserTestEnv) == "1" {
			t.Fatalf("%s=1 but there is no browser at %s: %v", browserTestEnv, chromiumPath, err)
		}
		t.Skipf("browser test skipped: no %s (apt-get install chromium; CI sets %s=1 and runs it)", chromiumPath, browserTestEnv)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 800),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true), chromedp.Flag("disable-extensions", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	p := &page{t: t, ctx: ctx}
	// The first action starts the browser; it must not carry a step timeout.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	p.step("open the playground", chromedp.Navigate(url))
	p.waitJS("the page to load its first state", `document.body.dataset.ready === "1"`)
	return p
}

// step runs actions, bounded, and fails the test naming what did not happen.
func (p *page) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserStep)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// waitJS waits until the JavaScript expression is truthy.
func (p *page) waitJS(what, expr string) {
	p.t.Helper()
	p.step(what, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(browserStep))(ctx, t)
		return err
	}))
}

// chatSays waits until the Telegram chat shows text.
func (p *page) chatSays(text string) {
	p.t.Helper()
	p.waitJS("the chat to show "+text, fmt.Sprintf(`document.getElementById("chat").innerText.includes(%s)`, jsString(text)))
}

// clickLast clicks the last element matching css whose text contains
// label, once it is there. The page redraws on every change, so the
// element is looked up and clicked in one go.
func (p *page) clickLast(css, label string) {
	p.t.Helper()
	p.waitJS(fmt.Sprintf("a %q to click in %s", label, css), fmt.Sprintf(`(() => {
		const all = [...document.querySelectorAll(%s)].filter((b) => b.innerText.includes(%s) && b.offsetParent !== null);
		if (!all.length) return false;
		all[all.length - 1].click();
		return true;
	})()`, jsString(css), jsString(label)))
}

// send types text in the message box and presses the send button.
func (p *page) send(text string) {
	p.t.Helper()
	p.step("send "+text, chromedp.SendKeys(chromedp.CSS("#text"), text), chromedp.Click(chromedp.CSS("#send")))
}

// eval reads a JavaScript value.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserStep)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (p *page) screenshot(path string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserStep)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// notClipped fails the test unless every element matching each selector
// lies inside the window and the header, and a select is wide enough for
// the option it shows (measured in its own font).
func (p *page) notClipped(selectors ...string) {
	p.t.Helper()
	for _, css := range selectors {
		problems := eval[[]string](p, fmt.Sprintf(`(() => {
			const out = [];
			const nodes = [...document.querySelectorAll(%s)];
			if (!nodes.length) out.push("nothing matches");
			for (const n of nodes) {
				const r = n.getBoundingClientRect();
				const name = (n.id || n.className) + " " + JSON.stringify(n.innerText || n.value);
				if (r.width === 0 || r.left < 0 || r.right > window.innerWidth + 0.5) out.push(name + " spans x " + r.left + " to " + r.right + " in a window " + window.innerWidth + " wide");
				const box = n.parentElement.getBoundingClientRect();
				if (r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5) out.push(name + " overflows its box");
				if (n.tagName === "SELECT") {
					const ctx = document.createElement("canvas").getContext("2d");
					ctx.font = getComputedStyle(n).font;
					const need = ctx.measureText(n.options[n.selectedIndex].text).width + 28; // the arrow and padding
					if (r.width < need) out.push(name + " is " + r.width + " px wide, its text needs " + need);
				}
			}
			return out;
		})()`, jsString(css)))
		for _, pr := range problems {
			p.t.Errorf("%s is cut off: %s", css, pr)
		}
	}
}

func chromedpClick(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(css))
}

func chromedpViewport(w, h int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(w, h)
}
