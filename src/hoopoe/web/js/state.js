// The filter state, kept in the URL hash (#since=2021-10-01&event=ASSAULT&open=ev-...), so a view can be
// bookmarked, shared and navigated with Back/Forward.

const SINGLE = ["since", "until", "country", "modality", "actor", "q"];

export function emptyState() {
  return { since: "", until: "", event: [], country: "", modality: "", actor: "", q: "", dedup: true,
    offset: 0, open: "" };
}

export function readHash(hash = window.location.hash) {
  const s = emptyState();
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  for (const key of SINGLE) s[key] = p.get(key) || "";
  s.event = p.getAll("event").filter(Boolean);
  s.dedup = p.get("dedup") !== "false";
  s.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  s.open = p.get("open") || "";
  return s;
}

export function toHash(s) {
  const p = filterParams(s);
  if (s.offset) p.set("offset", String(s.offset));
  if (s.open) p.set("open", s.open);
  const text = p.toString();
  return text ? `#${text}` : "";
}

/** The API's common event filters for a state (offset and the open event are not filters). */
export function filterParams(s) {
  const p = new URLSearchParams();
  for (const key of SINGLE) if (s[key]) p.set(key, s[key]);
  for (const type of s.event) p.append("event", type);
  if (!s.dedup) p.set("dedup", "false");
  return p;
}

export function withParams(base, extra) {
  const p = new URLSearchParams(base);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p;
}
