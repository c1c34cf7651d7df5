// refundbot playground. Every action posts to the playground's JSON API,
// which plays it through the fake Telegram and Slack servers; the page
// polls /api/state and redraws. Only fields named "html" are inserted as
// HTML: the server builds them with sanitisers. Everything else is text.
"use strict";

const $ = (id) => document.getElementById(id);
const ui = { setup: null, user: 0, agent: "", seen: {}, modalKey: "", balances: {}, busy: false };

function el(tag, props, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") n.className = v;
    else if (k === "text") n.textContent = v;
    else if (k === "safeHTML") n.innerHTML = v; // server-sanitised only
    else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(n.dataset, v);
    else n.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) n.append(c);
  return n;
}

function toast(msg) {
  const t = $("toast");
  t.textContent = msg;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

// A scroller that was at its bottom stays there as content grows (new
// messages, images loading, a resized window); one scrolled up stays put.
const sticky = { chat: true, channel: true };

function keepBottom(id) {
  const n = $(id);
  if (sticky[id]) n.scrollTop = n.scrollHeight;
}

function watchScroll(id) {
  const n = $(id);
  n.addEventListener("scroll", () => { sticky[id] = n.scrollHeight - n.scrollTop - n.clientHeight < 48; });
  new ResizeObserver(() => keepBottom(id)).observe(n);
  n.addEventListener("load", () => keepBottom(id), true); // images, captured from children
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

async function act(path, body) {
  try {
    const out = await api(path, body);
    poll(true);
    return out;
  } catch (e) {
    toast(e.message);
    return null;
  }
}

// ---- Telegram ----

function renderChat(st) {
  const chat = $("chat");
  const key = JSON.stringify(st.chat);
  if (ui.seen.chat !== key) {
    const first = ui.seen.chat === undefined;
    ui.seen.chat = key;
    chat.replaceChildren(...st.chat.map(chatMessage));
    if (!st.chat.length) chat.append(el("div", { class: "empty" },
      el("div", { text: "A new chat with the bot. Press START, as in Telegram, or tap one of the leads above." }),
      el("button", { type: "button", id: "start-btn", class: "start-btn", text: "START",
        onclick: () => act("/api/telegram/send", { user: ui.user, text: "/start" }) })));
    if (first) sticky.chat = true;
    keepBottom("chat");
    if (!first) notify("tg");
  }
  const kkey = JSON.stringify(st.keyboard);
  if (ui.seen.kbd !== kkey) {
    ui.seen.kbd = kkey;
    const kbd = $("kbd");
    kbd.hidden = !(st.keyboard && st.keyboard.length);
    kbd.replaceChildren(...(st.keyboard || []).map((row) => el("div", { class: "row" },
      row.map((k) => el("button", {
        type: "button", class: k.contact ? "contact" : "", text: k.text,
        onclick: () => k.contact ? act("/api/telegram/contact", { user: ui.user })
          : act("/api/telegram/send", { user: ui.user, text: k.text }),
      })))));
  }
}

function chatMessage(m) {
  const bubble = el("div", { class: "bubble" });
  if (m.photo) bubble.append(el("img", { src: m.photo, alt: "screenshot" }));
  if (!m.photo) bubble.append(el("span", { safeHTML: m.html }));
  if (m.edited) bubble.append(el("span", { class: "meta", text: "edited" }));
  const node = el("div", { class: "msg " + (m.from_bot ? "bot" : "user"), dataset: { id: m.id } }, bubble);
  if (m.buttons && m.buttons.length) {
    node.append(el("div", { class: "inline-kbd" }, m.buttons.map((row, r) => el("div", { class: "inline-row" },
      row.map((label, c) => el("button", {
        type: "button", class: "inline-btn", text: label,
        onclick: () => act("/api/telegram/tap", { user: ui.user, message: m.id, row: r, col: c }),
      }))))));
  }
  return node;
}

// A bot command in a message (/refund) is tappable, as in Telegram:
// tapping sends it.
function watchCommands() {
  const send = (ev) => {
    const cmd = ev.target.closest(".cmd");
    if (!cmd || (ev.type === "keydown" && ev.key !== "Enter")) return;
    ev.preventDefault();
    act("/api/telegram/send", { user: ui.user, text: cmd.textContent });
  };
  $("chat").addEventListener("click", send);
  $("chat").addEventListener("keydown", send);
}

// The provider played: phone, ID and leads; a lead button opens its
// refund deep link (t.me/<bot>?start=refund_<lead>), which sends
// "/start refund_<lead>" as Telegram does when Start is pressed.
function renderProvider() {
  const p = ui.setup.personas.find((x) => x.telegram_id === ui.user);
  if (!p) return;
  $("provider").replaceChildren(
    el("div", { class: "who-line" },
      el("b", { text: p.name }), " · ", el("span", { class: "pid", text: p.provider_id }), " · ",
      el("span", { class: "phone", title: "The contact button shares this number", text: "📱 " + p.phone_shown }), " · ",
      el("span", { text: p.language === "hi" ? "हिन्दी" : "English" })),
    el("div", { class: "leads" },
      el("span", { class: "leads-title", text: "Ask for a refund of a lead:" }),
      p.leads.map((l) => el("button", {
        type: "button", class: "lead", dataset: { lead: l.lead_id },
        title: `Opens t.me/${ui.setup.bot}?start=refund_${l.lead_id} (${l.category})`,
        text: `${l.lead_id} · ${l.coins} coins`,
        onclick: () => act("/api/telegram/send", { user: ui.user, text: "/start refund_" + l.lead_id }),
      }))));
}

// ---- Balances, tabs, polling ----

function renderBalances(st) {
  const box = $("balances");
  for (const b of st.balances) {
    let node = box.querySelector(`[data-provider="${CSS.escape(b.provider_id)}"]`);
    if (!node) {
      node = el("span", { class: "balance", dataset: { provider: b.provider_id } },
        el("span", { class: "name", text: b.name + " " }), el("span", { class: "pid", text: b.provider_id + " " }),
        el("span", { class: "coins" }), " coins");
      box.append(node);
    }
    const prev = ui.balances[b.provider_id];
    node.querySelector(".coins").textContent = String(b.balance);
    if (prev !== undefined && prev !== b.balance) {
      node.classList.remove("changed");
      void node.offsetWidth;
      node.classList.add("changed");
    }
    ui.balances[b.provider_id] = b.balance;
  }
}

function notify(pane) {
  const tab = $("tab-" + pane);
  if (tab.getAttribute("aria-selected") !== "true") tab.querySelector(".dot").hidden = false;
}

function showPane(pane) {
  for (const p of ["tg", "sl"]) {
    $(p).classList.toggle("active", p === pane);
    $("tab-" + p).setAttribute("aria-selected", String(p === pane));
    if (p === pane) $("tab-" + p).querySelector(".dot").hidden = true;
  }
  keepBottom(pane === "tg" ? "chat" : "channel");
}

async function poll(once) {
  clearTimeout(poll.timer);
  try {
    const st = await api(`/api/state?user=${ui.user}&agent=${encodeURIComponent(ui.agent)}`);
    renderChat(st);
    renderChannel(st);
    renderNotices(st);
    renderModal(st);
    renderBalances(st);
    document.body.dataset.ready = "1";
  } catch (e) {
    toast("The demo is not answering: " + e.message);
  }
  poll.timer = setTimeout(poll, once === true ? 300 : 500);
}

async function start() {
  ui.setup = await api("/api/setup");
  $("channel-name").textContent = ui.setup.channel;
  $("persona").replaceChildren(...ui.setup.personas.map((p) =>
    el("option", { value: p.telegram_id, text: `${p.name} · ${p.provider_id}` })));
  $("agent").replaceChildren(...ui.setup.agents.map((a) =>
    el("option", { value: a.id, text: a.name + (a.approver ? " (approver)" : "") })));
  $("samples").replaceChildren(...ui.setup.samples.map((s) => el("button", {
    type: "button", class: "sample", dataset: { name: s.name }, title: s.title,
    onclick: () => { $("attach-menu").hidden = true; act("/api/telegram/photo", { user: ui.user, sample: s.name }); },
  }, el("img", { src: s.url, alt: "" }), el("span", { text: s.title }))));
  ui.user = Number($("persona").value);
  ui.agent = $("agent").value;
  $("persona").onchange = () => { ui.user = Number($("persona").value); ui.seen = {}; sticky.chat = true; renderProvider(); poll(true); };
  renderProvider();
  watchCommands();
  if (window.matchMedia("(min-width: 821px)").matches) $("guide").open = true;
  $("agent").onchange = () => { ui.agent = $("agent").value; ui.seen = {}; ui.modalKey = "-"; poll(true); };
  $("attach").onclick = () => { $("attach-menu").hidden = !$("attach-menu").hidden; };
  $("compose").onsubmit = (ev) => {
    ev.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    act("/api/telegram/send", { user: ui.user, text });
  };
  $("modal-form").onsubmit = submitModal;
  $("modal-cancel").onclick = closeModal;
  $("modal-x").onclick = closeModal;
  for (const t of document.querySelectorAll(".tabs button")) t.onclick = () => showPane(t.dataset.pane);
  watchScroll("chat");
  watchScroll("channel");
  poll();
}

start().catch((e) => toast("Could not start: " + e.message));
