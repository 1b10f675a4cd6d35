// Builds every card from DOM text nodes, never from HTML strings: the pasted text is untrusted.
"use strict";

const EXAMPLE = `{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '00001111-aaaa-2222-bbbb-3333cccc4444' are expired. Visit the Azure portal to create new keys for your app.\\r\\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\\r\\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\\r\\nTimestamp: 2026-11-20 09:14:31Z","error_codes":[7000222],"timestamp":"2026-11-20 09:14:31Z","trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd"}`;

const AUDIENCE = { "end-user": "End user", "tenant-admin": "Tenant admin", "app-developer": "App developer",
  "idp-admin": "Federated IdP admin", "none": "Nobody (transient)" };
const CATEGORY = { credentials: "Credentials", account: "Account state", mfa: "MFA",
  "conditional-access": "Conditional Access", consent: "Consent", "app-registration": "App registration",
  "client-credentials": "Client credentials", token: "Tokens", federation: "Federation", device: "Device",
  "b2b-guest": "B2B / guest", tenant: "Tenant", protocol: "Protocol", service: "Service" };
const CONTEXT = { message: "Message", traceId: "Trace ID", correlationId: "Correlation ID", timestamp: "Timestamp",
  clientId: "App (client) ID", tenantId: "Tenant", redirectUri: "Redirect URI", resource: "Resource",
  scope: "Scope", user: "User" };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

// Catalog steps mark commands with backticks; show those as code, everything else as text.
function rich(text) {
  const span = el("span");
  text.split("`").forEach((part, i) => span.append(i % 2 ? el("code", {}, part) : part));
  return span;
}

function list(tag, items) {
  return el(tag, {}, ...items.map(i => el("li", {}, rich(i))));
}

function card(f, secrets) {
  const c = el("article", { class: f.known ? "card" : "card unknown" });
  c.append(el("div", { class: "code" }, "AADSTS" + f.code + (f.name ? "  ·  " + f.name : "")));
  c.append(el("h2", {}, f.title));
  if (f.known) {
    const badges = el("div", { class: "badges" });
    badges.append(el("span", {}, "Who acts: " + f.audience.map(a => AUDIENCE[a] || a).join(", ")));
    badges.append(el("span", {}, "Area: " + (CATEGORY[f.category] || f.category)));
    badges.append(el("span", {}, f.retryable ? "Retrying may help" : "Retrying won't help"));
    c.append(badges, el("p", {}, f.summary));
  } else {
    c.append(el("p", {}, "We have no notes on this code yet. Microsoft's lookup page (below) describes it."));
  }
  if (secrets.length) {
    c.append(el("div", { class: "warning" }, "Your paste contained " + secrets.join(", ") +
      ". It is not shown here; delete the original message and rotate or revoke the secret."));
  }
  const ctx = Object.entries(f.context || {});
  if (ctx.length) {
    const dl = el("dl");
    for (const [k, v] of ctx) dl.append(el("dt", {}, CONTEXT[k] || k), el("dd", {}, v));
    c.append(el("h3", {}, "From your error"), dl);
  }
  if (f.organization) c.append(organization(f.organization));
  const pb = f.playbook;
  if (pb) {
    if (pb.scenario) c.append(el("h3", {}, "Depends on the flow"), el("p", {}, pb.scenario));
    c.append(el("h3", {}, "Likely causes"), list("ol", pb.causes));
    c.append(el("h3", {}, "How to fix"), list("ol", pb.fixes));
    c.append(el("h3", {}, "For a support ticket, collect"), list("ul", pb.collect));
  }
  const links = el("p", { class: "links" });
  for (const l of f.links || []) links.append(el("a", { href: l.url, target: "_blank", rel: "noopener noreferrer" }, l.label));
  c.append(links);
  return c;
}

// The organization's own notes (KNOWLEDGE_OVERLAY): operator text, shown as text like everything else.
function organization(o) {
  const box = el("section", { class: "org" }, el("h3", {}, "At " + o.name));
  for (const n of o.notes || []) box.append(el("p", {}, n));
  if ((o.fixesBefore || []).length) box.append(el("h4", {}, "First, before our steps below"), list("ol", o.fixesBefore));
  if ((o.fixesAfter || []).length) box.append(el("h4", {}, "If our steps below don't solve it"), list("ol", o.fixesAfter));
  const KIND = { slack: "Slack", teams: "Teams", email: "Email" };
  for (const k of o.contacts || []) {
    const safe = k.url && /^(https:|mailto:)/i.test(k.url);
    box.append(el("p", {}, (KIND[k.kind] || k.kind) + ": ",
      safe ? el("a", { href: k.url, target: "_blank", rel: "noopener noreferrer" }, k.value) : k.value));
  }
  const links = el("p", { class: "links" });
  for (const l of o.links || []) {
    if (/^(https:|mailto:)/i.test(l.url)) links.append(el("a", { href: l.url, target: "_blank", rel: "noopener noreferrer" }, l.label));
  }
  if (links.childNodes.length) box.append(links);
  const hidden = (o.hidden || {});
  if (hidden.causes || hidden.fixes) {
    box.append(el("p", { class: "hidden" }, "Hidden here: " + [hidden.fixes ? hidden.fixes + " fix step(s)" : null,
      hidden.causes ? hidden.causes + " cause(s)" : null].filter(Boolean).join(" and ") + " of ours that do not apply at " + o.name + "."));
  }
  return box;
}

async function explain(text) {
  const status = document.getElementById("status");
  const out = document.getElementById("results");
  status.textContent = "Working…";
  try {
    const res = await fetch("/api/explain", { method: "POST", headers: { "Content-Type": "text/plain" }, body: text });
    const body = await res.json();
    out.replaceChildren();
    if (!res.ok) { status.textContent = body.error || ("HTTP " + res.status); return; }
    if (body.findings.length) {
      status.textContent = body.findings.length + (body.findings.length === 1 ? " code" : " codes") + " found";
      body.findings.forEach(f => out.append(card(f, body.secrets)));
      return;
    }
    const q = await fetch("/api/search?q=" + encodeURIComponent(text.slice(0, 200)));
    const hits = q.ok ? (await q.json()).results : [];
    status.textContent = hits.length ? "No code in that text; closest catalog entries:" : "No AADSTS code found.";
    for (const h of hits) {
      const row = el("div", { class: "hit", tabindex: "0", role: "button" },
        el("span", { class: "code" }, "AADSTS" + h.code + "  "), h.title);
      const open = () => { document.getElementById("text").value = h.code; explain(h.code); };
      row.addEventListener("click", open);
      // A focused hit behaves like a button: Enter or Space opens it.
      row.addEventListener("keydown", e => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); }
      });
      out.append(row);
    }
  } catch (e) {
    status.textContent = "The server did not answer: " + e.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("text");
  document.getElementById("ask").addEventListener("submit", e => {
    e.preventDefault();
    if (text.value.trim()) {
      explain(text.value);
      return;
    }
    // Say why nothing happened, and clear the answer to an earlier question.
    document.getElementById("results").replaceChildren();
    document.getElementById("status").textContent = "Paste an error or type a few words first.";
    text.focus();
  });
  document.getElementById("example").addEventListener("click", () => { text.value = EXAMPLE; explain(EXAMPLE); });
});
