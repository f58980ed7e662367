// The event view (/api/events/{id}): the record's fields, every report of the same happening, and the
// article text with the evidence sentence highlighted. The article is built from text nodes only: the text
// before the evidence, a <mark> holding the evidence, the text after; nothing is parsed as HTML.
import { append, clear, countText, entityName, eventDay, h, placeText, precisionOf, PRECISION_TEXT } from "./dom.js";
import { QUAD_TEXT, typeColor } from "./colors.js";

/**
 * Where the evidence sits in the article: [start, end] character offsets, or null when it cannot be found.
 * The API's offsets are used when they point at the evidence text; else the first place the text occurs.
 */
export function evidenceSpan(text, evidence) {
  if (!text || !evidence) return null;
  const { start, end } = evidence;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length &&
      (!evidence.text || text.slice(start, end) === evidence.text)) {
    return [start, end];
  }
  if (evidence.text) {
    const at = text.indexOf(evidence.text);
    if (at >= 0) return [at, at + evidence.text.length];
  }
  return null;
}

function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

export class EventView {
  constructor(root, { onClose, onOpen }) {
    this.root = root;
    this.onClose = onClose;
    this.onOpen = onOpen;
    this.title = root.querySelector("#ev-title");
    this.fields = root.querySelector("#ev-fields");
    this.reports = root.querySelector("#ev-reports");
    this.canonical = root.querySelector("#ev-canonical");
    this.articleMeta = root.querySelector("#ev-article-meta");
    this.article = root.querySelector("#ev-article");
    this.returnFocus = null;
    root.querySelector("#ev-close").addEventListener("click", () => this.onClose());
    root.addEventListener("keydown", (ev) => { if (ev.key === "Escape") this.onClose(); });
  }

  get isOpen() { return !this.root.hidden; }

  showLoading(id) {
    if (!this.isOpen) this.returnFocus = document.activeElement;
    this.root.hidden = false;
    this.root.dataset.eventId = id;
    this.root.dataset.state = "loading";
    this.title.textContent = "Loading…";
  }

  showError(message) {
    this.root.dataset.state = "error";
    this.title.textContent = "Event not available";
    clear(this.fields);
    clear(this.reports);
    clear(this.article);
    this.canonical.textContent = "";
    this.articleMeta.textContent = message;
  }

  render(data) {
    const ev = data.event;
    this.root.dataset.eventId = ev.id;
    this.title.replaceChildren(
      h("span", { class: "swatch", style: `background:${typeColor(ev.event)}`, "aria-hidden": "true" }),
      `${ev.event}${ev.place ? ` in ${ev.place.name || ev.place.text}` : ""}`,
      ev.date && ev.date.start ? `, ${ev.date.start}` : (eventDay(ev) ? `, reported ${eventDay(ev)}` : ""));
    this._fields(ev);
    this._reports(data, ev);
    this._article(data.article || ev.article || {}, ev.evidence);
    this.root.dataset.state = "ready";
    this.title.focus();
    // show the record's fields from the top, and scroll the article box (only) to the evidence
    this.root.querySelector(".ev-body").scrollTop = 0;
    const mark = this.article.querySelector("mark.evidence");
    this.article.scrollTop = mark ? Math.max(0, mark.offsetTop - 40) : 0;
  }

  close() {
    this.root.hidden = true;
    delete this.root.dataset.eventId;
    if (this.returnFocus && document.contains(this.returnFocus)) this.returnFocus.focus();
    this.returnFocus = null;
  }

  _fields(ev) {
    const rows = [];
    const add = (name, ...value) => {
      const v = value.flat().filter((x) => x !== null && x !== undefined && x !== "");
      if (v.length) rows.push(h("dt", {}, name), append(h("dd", { "data-field": name }), ...v));
    };
    add("Type", ev.event, ev.mode && ev.mode.length ? ` (${ev.mode.join(", ")})` : "");
    add("Context", (ev.context || []).join(", "));
    add("Modality", ev.modality);
    const d = ev.date || {};
    add("Date", d.start ? (d.end && d.end !== d.start ? `${d.start} to ${d.end}` : d.start) : "unknown",
      d.precision && d.precision !== "unknown" ? ` (${d.precision})` : "", d.text ? `: “${d.text}”` : "");
    if (ev.place) {
      const p = precisionOf(ev.place);
      const quoted = ev.place.text && ev.place.text !== ev.place.name ? ` (text: “${ev.place.text}”)` : "";
      add("Place", placeText(ev.place),
        h("span", { class: `precision p${p}`, "data-testid": "event-precision" }, ` ${PRECISION_TEXT[p]}`), quoted);
    } else {
      add("Place", "not known");
    }
    add("Actor", (ev.actor || []).map(entityName).join(", "));
    add("Recipient", (ev.recipient || []).map(entityName).join(", "));
    add("Claimed by", (ev.claimed_by || []).map(entityName).join(", "));
    add("Killed", ev.killed ? [countText(ev.killed), ev.killed.text ? ` (“${ev.killed.text}”)` : ""] : "");
    add("Wounded", ev.wounded ? [countText(ev.wounded), ev.wounded.text ? ` (“${ev.wounded.text}”)` : ""] : "");
    add("Reported by", (ev.reported_by || []).join(", "));
    add("Quad class", ev.quad_code ? `${ev.quad_code}: ${QUAD_TEXT[ev.quad_code] || ""}` : "",
      ev.event_scale !== null && ev.event_scale !== undefined ? `, scale ${ev.event_scale}` : "");
    add("CAMEO", ev.cameo || "");
    add("ACLED", ev.acled ? `${ev.acled.event_type} / ${ev.acled.sub_event_type}` : "");
    add("Confidence", ev.confidence !== null && ev.confidence !== undefined ? String(ev.confidence) : "");
    add("Record id", ev.id);
    this.fields.replaceChildren(...rows);
  }

  _reports(data, ev) {
    clear(this.reports);
    const c = data.canonical;
    if (c) {
      const k = c.killed || {};
      const n = c.n_reports || (data.reports || []).length;
      const parts = [n === 1 ? "One report of this happening" : `${n} reports merged into one happening`];
      if (k.best !== null && k.best !== undefined) {
        const known = (v) => v !== null && v !== undefined;
        const upper = known(k.max) && k.max !== k.min ? ` to ${k.max}` : "";
        const range = known(k.min) && (k.min !== k.best || upper) ? ` (reports from ${k.min}${upper})` : "";
        parts.push(`killed: best estimate ${k.best}${range}${k.basis ? `: ${k.basis}` : ""}`);
      }
      if (c.sources && c.sources.length) parts.push(`sources: ${c.sources.join(", ")}`);
      this.canonical.textContent = parts.join(" · ");
    } else {
      this.canonical.textContent = "Only this report of the happening is stored.";
    }
    for (const r of data.reports || []) {
      const a = r.article || {};
      const self = r.event_id === ev.id;
      const li = h("li", { "data-testid": "event-report", "data-event-id": r.event_id, class: self ? "current" : "" },
        h("div", {}, h("strong", {}, a.source || "unknown source"), a.published ? `, ${a.published}` : "",
          a.title ? `: ${a.title}` : "", self ? h("span", { class: "badge" }, "shown") : null),
        r.evidence && r.evidence.text ? h("blockquote", {}, r.evidence.text) : null,
        h("div", { class: "muted small" },
          r.killed ? `killed: ${r.killed.text || countText(r.killed)}` : "",
          r.wounded ? ` · wounded: ${r.wounded.text || countText(r.wounded)}` : "",
          r.date && r.date.start ? ` · date: ${r.date.start}` : "",
          r.place ? ` · place: ${typeof r.place === "string" ? r.place : placeText(r.place)}` : ""),
        self ? null : h("button", { type: "button", class: "small", "data-testid": "open-report",
          onclick: () => this.onOpen(r.event_id) }, "Open this report"));
      this.reports.append(li);
    }
  }

  _article(article, evidence) {
    const url = safeUrl(article.url);
    this.articleMeta.replaceChildren(
      h("strong", {}, article.title || "untitled"),
      article.source ? ` · ${article.source}` : "", article.published ? ` · published ${article.published}` : "",
      url ? [" · ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original")] : "");
    const text = article.text || "";
    clear(this.article);
    const span = evidenceSpan(text, evidence);
    if (!text) {
      this.article.append(h("p", { class: "muted" }, "The article text is not stored."),
        evidence && evidence.text ? h("mark", { class: "evidence", "data-testid": "evidence" }, evidence.text) : null);
      return;
    }
    if (!span) {
      this.article.append(h("p", { class: "muted" }, "The evidence sentence was not found in the article text."), text);
      return;
    }
    this.article.append(
      document.createTextNode(text.slice(0, span[0])),
      h("mark", { class: "evidence", "data-testid": "evidence", title: "evidence for this event" },
        text.slice(span[0], span[1])),
      document.createTextNode(text.slice(span[1])));
  }
}
