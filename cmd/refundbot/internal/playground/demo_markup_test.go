package playground

import (
	"strings"
	"testing"
)

func TestTelegramHTML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Your case <b>RF-1</b> is submitted.", "Your case <b>RF-1</b> is submitted."},
		{"<strong>a</strong> <em>b</em> <del>c</del> <ins>d</ins>", "<b>a</b> <i>b</i> <s>c</s> <u>d</u>"},
		{"Asha &lt;Plumbing&gt; &amp; sons &#128512;", "Asha &lt;Plumbing&gt; &amp; sons &#128512;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`<b onclick="x()">hi</b>`, "<b>hi</b>"},
		{`<img src=x onerror=alert(1)>`, "&lt;img src=x onerror=alert(1)&gt;"},
		{`<a href="javascript:alert(1)">x</a>`, "<a>x</a>"},
		{`<a href="https://rockerstop.in/?a=1&amp;b=2">site</a>`, `<a href="https://rockerstop.in/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">site</a>`},
		{`<a href="https://x" onmouseover="y">z</a>`, `<a href="https://x" target="_blank" rel="noopener noreferrer">z</a>`},
		{`<a href="https://x&quot; onmouseover=&quot;y">z</a>`, `<a href="https://x&#34; onmouseover=&#34;y" target="_blank" rel="noopener noreferrer">z</a>`},
		{"<b>unclosed", "<b>unclosed</b>"},
		{"stray</b> end", "stray end"},
		{"<b><i>crossed</b></i>", "<b><i>crossed</i></b>"},
		{"AT&T & <3 \"quoted\" 'single'", "AT&amp;T &amp; &lt;3 &#34;quoted&#34; &#39;single&#39;"},
		{"&bogus; &#0; &#xZZ;", "&amp;bogus; &amp;#0; &amp;#xZZ;"},
		{`<span class="tg-spoiler">secret</span><tg-emoji emoji-id="1">👍</tg-emoji>`, `<span class="spoiler">secret</span>👍`},
		{"<", "&lt;"},
		// Bot commands are tappable, as in Telegram, except inside links and code.
		{"Tap /refund to start, or /help.", `Tap <span class="cmd" role="button" tabindex="0">/refund</span> to start, or <span class="cmd" role="button" tabindex="0">/help</span>.`},
		{"/status: see", `<span class="cmd" role="button" tabindex="0">/status</span>: see`},
		{"<b>/appeal RF-1</b>", `<b><span class="cmd" role="button" tabindex="0">/appeal</span> RF-1</b>`},
		{"and/or 2026/01 a//b <code>/refund</code> <a href=\"https://x/y\">/z</a>", `and/or 2026/01 a//b <code>/refund</code> <a href="https://x/y" target="_blank" rel="noopener noreferrer">/z</a>`},
		{"/" + strings.Repeat("a", 33), "/" + strings.Repeat("a", 33)},
		{"A &amp; B: tap /refund", `A &amp; B: tap <span class="cmd" role="button" tabindex="0">/refund</span>`},
	} {
		if got := telegramHTML(c.in); got != c.want {
			t.Errorf("telegramHTML(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestMrkdwnHTML(t *testing.T) {
	names := func(id string) string {
		if id == "U0MEERA001" {
			return "meera"
		}
		return id
	}
	for _, c := range []struct{ in, want string }{
		{"*RF-1* · 120 coins", "<b>RF-1</b> · 120 coins"},
		{"_note_ and ~old~ and `L-2001`", "<i>note</i> and <s>old</s> and <code>L-2001</code>"},
		{"Approved by <@U0MEERA001> on 2 Jan", `Approved by <span class="mention">@meera</span> on 2 Jan`},
		{"<@U0X|<b>>", `&lt;@U0X|<a>b</a>&gt;`},
		{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"},
		{"<script>alert(1)</script>", "<a>script</a>alert(1)<a>/script</a>"},
		{"<https://rockerstop.in|the site> <javascript:alert(1)|click>", `<a href="https://rockerstop.in" target="_blank" rel="noopener noreferrer">the site</a> <a>click</a>`},
		{`<https://x" onclick="y|z>`, `<a href="https://x&#34; onclick=&#34;y" target="_blank" rel="noopener noreferrer">z</a>`},
		{":white_check_mark: ok :paperclip:", "✅ ok 📎"},
		{"<!here> <#C0CASES001>", `<span class="mention">@here</span> <span class="mention">#C0CASES001</span>`},
		{"snake_case_name and 2*3*4", "snake_case_name and 2*3*4"},
		{`"quote" 'apos'`, "&#34;quote&#34; &#39;apos&#39;"},
	} {
		if got := mrkdwnHTML(c.in, names); got != c.want {
			t.Errorf("mrkdwnHTML(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestBlocksRenderCard reads a card as the app posts it: header, sections,
// context, buttons with a confirm, and escapes text the provider wrote.
func TestBlocksRenderCard(t *testing.T) {
	raw := []byte(`[
	{"type":"header","block_id":"header","text":{"type":"plain_text","text":"RF-1 · 120 <coins>"}},
	{"type":"section","block_id":"reason","text":{"type":"mrkdwn","text":"*Reason:* &lt;img src=x onerror=alert(1)&gt;"},"fields":[{"type":"mrkdwn","text":"_f_"}]},
	{"type":"context","block_id":"evidence","elements":[{"type":"mrkdwn","text":":paperclip: 1 screenshot"},{"type":"plain_text","text":"<i>"}]},
	{"type":"actions","block_id":"actions","elements":[
	  {"type":"button","action_id":"approve_all","text":{"type":"plain_text","text":"Approve all"},"style":"primary","value":"RF-1",
	   "confirm":{"title":{"type":"plain_text","text":"Approve all?"},"text":{"type":"plain_text","text":"Sure"},"confirm":{"type":"plain_text","text":"Approve"},"deny":{"type":"plain_text","text":"Cancel"}}},
	  {"type":"button","action_id":"reject","text":{"type":"plain_text","text":"Reject…"},"style":"danger","value":"RF-1"}]},
	{"type":"video","block_id":"v"}]`)
	got := blockRenderer{userName: func(id string) string { return id }}.blocks(raw)
	if len(got) != 4 {
		t.Fatalf("%d blocks, want 4 (the unknown one skipped): %+v", len(got), got)
	}
	if got[0].HTML != "RF-1 · 120 &lt;coins&gt;" {
		t.Errorf("header %q", got[0].HTML)
	}
	if got[1].HTML != "<b>Reason:</b> &lt;img src=x onerror=alert(1)&gt;" || len(got[1].Fields) != 1 || got[1].Fields[0] != "<i>f</i>" {
		t.Errorf("section %+v", got[1])
	}
	if got[2].HTML != "📎 1 screenshot · &lt;i&gt;" {
		t.Errorf("context %q", got[2].HTML)
	}
	b := got[3].Buttons
	if len(b) != 2 || b[0].Action != "approve_all" || b[0].Style != "primary" || b[0].Confirm == nil ||
		*b[0].Confirm != (confirmView{Title: "Approve all?", Text: "Sure", Confirm: "Approve", Deny: "Cancel"}) ||
		b[1].Text != "Reject…" || b[1].Confirm != nil {
		t.Errorf("buttons %+v", b)
	}
	for _, bad := range []string{"<img", "<coins>"} {
		for _, v := range got {
			if strings.Contains(v.HTML, bad) {
				t.Errorf("%q survived in %q", bad, v.HTML)
			}
		}
	}
	if got := (blockRenderer{}).blocks([]byte("not json")); got != nil {
		t.Errorf("malformed blocks rendered")
	}
}
