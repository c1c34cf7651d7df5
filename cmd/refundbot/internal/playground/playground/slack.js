// refundbot playground: the agents' Slack channel. Case cards, threads,
// ephemeral notices and modals are drawn from the Block Kit the app sent,
// which the server has already turned into safe HTML (fields named html).
// Uses el, act and $ from app.js.
"use strict";

function renderBlocks(blocks, onButton) {
  return el("div", { class: "blocks" }, blocks.map((b) => {
    switch (b.type) {
      case "header": return el("div", { class: "b-header", safeHTML: b.html });
      case "section": {
        const s = el("div", { class: "b-section", safeHTML: b.html || "" });
        const parts = [s];
        if (b.fields && b.fields.length) parts.push(el("div", { class: "b-fields" }, b.fields.map((f) => el("div", { safeHTML: f }))));
        if (b.buttons && b.buttons.length) parts.push(buttons(b.buttons, onButton));
        return el("div", {}, parts);
      }
      case "context": return el("div", { class: "b-context", safeHTML: b.html });
      case "divider": return el("div", { class: "b-divider" });
      case "actions": return buttons(b.buttons || [], onButton);
      default: return el("div", { class: "b-section", safeHTML: b.html || "" });
    }
  }));
}

function buttons(list, onButton) {
  return el("div", { class: "b-actions" }, list.map((btn) => el("button", {
    type: "button", class: "btn " + (btn.style || ""), text: btn.text, dataset: { action: btn.action },
    onclick: () => onButton(btn),
  })));
}

function renderChannel(st) {
  const key = JSON.stringify(st.channel);
  if (ui.seen.channel === key) return;
  const ch = $("channel");
  const first = ui.seen.channel === undefined;
  ui.seen.channel = key;
  ch.replaceChildren(...st.channel.map(post));
  if (!st.channel.length) ch.append(el("div", { class: "empty", text: "Case cards appear here when a provider submits a refund request." }));
  if (first) sticky.channel = true;
  keepBottom("channel");
  if (!first) notify("sl");
}

function post(p) {
  const click = (btn) => {
    const go = () => act("/api/slack/click", { agent: ui.agent, ts: p.ts, action: btn.action });
    if (btn.confirm) confirmThen(btn.confirm, go); else go();
  };
  const node = el("div", { class: "post card", dataset: { ts: p.ts } },
    el("div", { class: "avatar", text: "R" }),
    el("div", {},
      el("div", { class: "author" }, "RefundBot", el("span", { class: "app", text: "APP" }),
        p.edited ? el("span", { class: "edited", text: "(edited)" }) : null),
      renderBlocks(p.blocks, click), files(p.files)));
  if (p.thread && p.thread.length) {
    node.append(el("div", { class: "thread" },
      el("div", { class: "title", text: p.thread.length + (p.thread.length === 1 ? " reply" : " replies") }),
      p.thread.map((r) => el("div", { class: "reply" }, renderBlocks(r.blocks, () => {}), files(r.files)))));
  }
  return node;
}

function files(list) {
  if (!list || !list.length) return null;
  return el("div", { class: "files" }, list.map((f) => f.image
    ? el("a", { href: f.url, target: "_blank", rel: "noopener" }, el("img", { src: f.url, alt: f.name, title: f.name }))
    : el("a", { class: "file", href: f.url, text: "📄 " + f.name })));
}

function renderNotices(st) {
  const key = JSON.stringify(st.notices);
  if (ui.seen.notices === key) return;
  ui.seen.notices = key;
  $("notices").replaceChildren(...st.notices.slice(-3).map((h) =>
    el("div", { class: "notice" }, el("span", { class: "only", text: "Only visible to you" }), el("span", { safeHTML: h }))));
}

function confirmThen(c, go) {
  $("confirm-title").textContent = c.title || "Are you sure?";
  $("confirm-text").textContent = c.text || "";
  $("confirm-yes").textContent = c.confirm || "Yes";
  $("confirm-no").textContent = c.deny || "Cancel";
  $("confirm").hidden = false;
  $("confirm-yes").onclick = () => { $("confirm").hidden = true; go(); };
  $("confirm-no").onclick = () => { $("confirm").hidden = true; };
}

// The modal is redrawn only when the app changes it, so typing survives polls.
function renderModal(st) {
  const m = st.modal;
  const key = m ? JSON.stringify(m) : "";
  if (ui.modalKey === key) return;
  ui.modalKey = key;
  $("modal").hidden = !m;
  if (!m) return;
  $("modal-title").textContent = m.title;
  $("modal-submit").textContent = m.submit;
  $("modal-cancel").textContent = m.close;
  $("modal-form").dataset.view = m.id;
  $("modal-body").replaceChildren(...m.blocks.map((b) => b.input ? field(b) : renderBlocks([b], () => {})));
}

function field(b) {
  const i = b.input;
  const id = "in-" + b.block_id;
  let control;
  if (i.kind === "select") {
    control = el("select", { id }, el("option", { value: "", text: i.placeholder || "Choose…" }),
      i.options.map((o) => el("option", { value: o.value, text: o.text })));
  } else if (i.kind === "checkboxes") {
    control = el("div", { id }, i.options.map((o) => el("label", { class: "check" },
      el("input", { type: "checkbox", value: o.value }), el("span", { text: o.text }))));
  } else {
    control = i.multiline ? el("textarea", { id, placeholder: i.placeholder || "" })
      : el("input", { id, type: "text", placeholder: i.placeholder || "" });
    if (i.max_length) control.maxLength = i.max_length;
  }
  return el("div", { class: "field", dataset: { block: b.block_id, action: i.action_id, kind: i.kind } },
    el("label", { class: "l", for: id }, i.label, i.optional ? el("span", { class: "opt", text: " (optional)" }) : null),
    control, i.hint ? el("div", { class: "hint", text: i.hint }) : null, el("div", { class: "error", hidden: true }));
}

async function submitModal(ev) {
  ev.preventDefault();
  const form = $("modal-form");
  const values = {};
  for (const f of form.querySelectorAll(".field")) {
    const v = {};
    if (f.dataset.kind === "checkboxes") v.selected = [...f.querySelectorAll("input:checked")].map((c) => c.value);
    else if (f.dataset.kind === "select") { const s = f.querySelector("select").value; if (s) v.selected = [s]; }
    else v.value = f.querySelector("textarea, input").value;
    values[f.dataset.block] = { [f.dataset.action]: v };
  }
  $("modal-submit").disabled = true;
  const out = await act("/api/slack/submit", { agent: ui.agent, view: form.dataset.view, values });
  $("modal-submit").disabled = false;
  for (const f of form.querySelectorAll(".field")) {
    const msg = out && out.errors ? out.errors[f.dataset.block] : "";
    f.classList.toggle("invalid", !!msg);
    const e = f.querySelector(".error");
    e.textContent = msg || "";
    e.hidden = !msg;
  }
}

function closeModal() {
  const view = $("modal-form").dataset.view;
  $("modal").hidden = true;
  act("/api/slack/close", { agent: ui.agent, view });
}

