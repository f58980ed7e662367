// The timeline: stacked bars of events per day, week or month (from /api/timeseries, by event type), drawn as
// SVG by hand. Dragging across the chart (or clicking one bar) sets the date filter; the date inputs in the
// filter form do the same from the keyboard.
import { clear } from "./dom.js";
import { TYPES, typeColor } from "./colors.js";

const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const MARGIN = { top: 12, right: 12, bottom: 22, left: 34 };

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t) => new Date(t).toISOString().slice(0, 10);

/** The first day after the bucket that starts on `iso`. */
export function bucketEnd(iso, interval) {
  const d = new Date(toTime(iso));
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  return d.getTime();
}

/** Pick an interval for a span of days: days up to four months, weeks up to about three years, then months. */
export function autoInterval(firstIso, lastIso) {
  if (!firstIso || !lastIso) return "day";
  const days = (toTime(lastIso) - toTime(firstIso)) / DAY;
  if (days <= 120) return "day";
  if (days <= 1100) return "week";
  return "month";
}

export class Timeline {
  constructor(container, { onRange }) {
    this.container = container;
    this.onRange = onRange;
    this.data = null;
  }

  /** Draw one /api/timeseries answer; `range` is the [since, until] filter ("" when open). */
  render(data, range) {
    this.data = data;
    clear(this.container);
    const width = Math.max(200, this.container.clientWidth || 600);
    const height = Math.max(100, this.container.clientHeight || 150);
    const interval = data.interval || "day";
    const buckets = new Map(); // date -> [{key, events}]
    for (const series of data.series || []) {
      for (const p of series.points || []) {
        if (!buckets.has(p.date)) buckets.set(p.date, []);
        buckets.get(p.date).push({ key: series.key, events: p.events, killed: p.killed });
      }
    }
    const dates = [...buckets.keys()].sort();
    const root = svg("svg", {
      width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "data-testid": "timeline-svg",
      "aria-label": dates.length
        ? `Events per ${interval} from ${dates[0]} to ${dates[dates.length - 1]}`
        : "No events in this filter",
    });
    this.container.append(root);
    if (!dates.length) {
      root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "tl-empty" },
        "no events in this filter"));
      return;
    }
    let t0 = toTime(dates[0]);
    let t1 = bucketEnd(dates[dates.length - 1], interval);
    if (range[0]) t0 = Math.min(t0, toTime(range[0]));
    if (range[1]) t1 = Math.max(t1, toTime(range[1]) + DAY);
    if (t1 - t0 < 7 * DAY) { t0 -= 3 * DAY; t1 += 3 * DAY; }
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const x = (t) => MARGIN.left + ((t - t0) / (t1 - t0)) * plotW;
    const maxCount = Math.max(1, ...dates.map((d) => buckets.get(d).reduce((s, b) => s + b.events, 0)));
    const y = (n) => (n / maxCount) * plotH;

    // axes: baseline, the max count, a few date ticks
    root.append(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: MARGIN.top + plotH,
      y2: MARGIN.top + plotH, class: "tl-axis" }));
    root.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end", class: "tl-label" },
      String(maxCount)));
    root.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + plotH, "text-anchor": "end", class: "tl-label" },
      "0"));
    const ticks = Math.max(2, Math.min(6, Math.floor(plotW / 110)));
    for (let i = 0; i <= ticks; i++) {
      const t = t0 + ((t1 - t0) * i) / ticks;
      const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
      root.append(svg("text", { x: x(t), y: height - 6, "text-anchor": anchor, class: "tl-label" }, toIso(t)));
    }

    const quad = (key) => (TYPES[key] || {}).quad || 9;
    const order = (a, b) => quad(a.key) - quad(b.key) || a.key.localeCompare(b.key);
    const bars = svg("g", { class: "tl-bars" });
    for (const d of dates) {
      const start = toTime(d);
      const end = bucketEnd(d, interval);
      // a bar spans its day/week/month, but never wider than 40 px (a few days on a wide chart)
      const slot = x(end) - x(start);
      const bw = Math.max(2, Math.min(40, slot - 1));
      const bx = x(start) + (slot - 1 - bw) / 2;
      let base = MARGIN.top + plotH;
      const group = svg("g", { class: "tl-bucket", "data-testid": "timeline-bar", "data-date": d });
      let total = 0;
      for (const b of buckets.get(d).slice().sort(order)) {
        const bh = y(b.events);
        base -= bh;
        total += b.events;
        group.append(svg("rect", { x: bx, y: base, width: bw, height: Math.max(bh, 0.5), fill: typeColor(b.key),
          "data-event": b.key }));
      }
      const label = `${d} (${interval}): ${total} event${total === 1 ? "" : "s"}: ` +
        buckets.get(d).map((b) => `${b.key} ${b.events}`).join(", ");
      group.append(svg("title", {}, label));
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.setAttribute("aria-label", `${label}. Show only this ${interval}`);
      const pick = () => this.onRange(d, toIso(end - DAY));
      group.addEventListener("click", () => { if (!this._dragged) pick(); });
      group.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
      });
      bars.append(group);
    }
    root.append(bars);
    this._brush(root, x, t0, t1, plotH);
  }

  _brush(root, x, t0, t1, plotH) {
    const band = svg("rect", { class: "tl-brush", x: 0, y: MARGIN.top, width: 0, height: plotH, visibility: "hidden" });
    root.append(band);
    const toT = (px) => t0 + ((px - MARGIN.left) / (x(t1) - MARGIN.left)) * (t1 - t0);
    const local = (ev) => ev.clientX - root.getBoundingClientRect().left;
    let startX = null;
    const move = (ev) => {
      const cur = local(ev);
      if (Math.abs(cur - startX) > 4) this._dragged = true;
      if (!this._dragged) return;
      band.setAttribute("x", String(Math.max(MARGIN.left, Math.min(startX, cur))));
      band.setAttribute("width", String(Math.abs(cur - startX)));
      band.setAttribute("visibility", "visible");
    };
    const up = (ev) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      const cur = local(ev);
      const a = Math.min(startX, cur);
      const b = Math.max(startX, cur);
      startX = null;
      if (!this._dragged) return;
      band.setAttribute("visibility", "hidden");
      // the click that ends a drag must not also count as a click on a bar
      setTimeout(() => { this._dragged = false; }, 0);
      this.onRange(toIso(Math.max(t0, toT(a))), toIso(Math.min(t1 - DAY, toT(b))));
    };
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      ev.preventDefault();
      startX = local(ev);
      this._dragged = false;
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    });
  }
}
