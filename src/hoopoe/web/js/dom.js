// Small DOM helpers. Everything that comes from the API is inserted as text (text nodes, textContent,
// setAttribute): never through innerHTML, so markup inside article or record content stays inert text.

/** Create an element: h("td", {class: "num", dataset: {id: "x"}}, "text", childNode, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

/** Append children: strings and numbers become text nodes; null/undefined/false are skipped. */
export function append(el, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Remove every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** The display name of an Entity record. */
export function entityName(e) {
  return (e && (e.identifier_text || e.entity_text)) || "?";
}

/** "at least 46" / "46" / "" for a Count record. */
export function countText(c) {
  if (!c) return "";
  if (c.min !== null && c.min !== undefined && c.max !== null && c.max !== undefined && c.max !== c.min) {
    return `${c.min}–${c.max}`;
  }
  const n = c.min ?? c.max;
  return n === null || n === undefined ? (c.text || "") : String(n);
}

/** A number of casualties for sizing (killed plus wounded, lower bounds). */
export function casualties(item) {
  const n = (c) => (c ? (c.min ?? c.max ?? 0) : 0);
  return n(item.killed) + n(item.wounded);
}

/** The date an event is shown at: its own start date, else the article's publication date. */
export function eventDay(item) {
  return (item.date && item.date.start) || (item.article && item.article.published) || "";
}

export const PRECISION_TEXT = {
  1: "exact place",
  2: "approximate: near the place or part of a region",
  3: "approximate: only the region or country is known",
};

/** Precision code of a place record; a located place without one is treated as approximate (2). */
export function precisionOf(place) {
  const p = place && Number(place.precision);
  return p === 1 || p === 2 || p === 3 ? p : 2;
}

/** "Kunduz, Kunduz, AFG" without repeats. */
export function placeText(place) {
  if (!place) return "";
  const parts = [place.name || place.text, place.admin1, place.country].filter(Boolean);
  return parts.filter((p, i) => parts.indexOf(p) === i).join(", ");
}
