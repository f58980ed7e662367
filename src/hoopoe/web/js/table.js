// The events table: one page of /api/events. Each row opens the event view (click anywhere on the row, or the
// row's button from the keyboard).
import { clear, countText, entityName, eventDay, h, placeText, precisionOf } from "./dom.js";
import { typeColor } from "./colors.js";

const PRECISION_MARK = { 1: "", 2: " (approx.)", 3: " (region only)" };

export class EventsTable {
  constructor(table, { onOpen }) {
    this.body = table.querySelector("tbody");
    this.onOpen = onOpen;
  }

  render(page) {
    clear(this.body);
    if (!page.items.length) {
      this.body.append(h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No events match these filters.")));
      return;
    }
    for (const item of page.items) this.body.append(this._row(item));
  }

  _row(item) {
    const place = item.place;
    const actorNames = item.actor.map(entityName);
    const claimed = item.claimed_by.map(entityName).filter((n) => !actorNames.includes(n));
    const actors = actorNames.join(", ");
    const recipients = item.recipient.map(entityName).join(", ");
    const mode = item.mode && item.mode.length ? item.mode.join(", ") : "";
    const open = () => this.onOpen(item.id);
    const day = eventDay(item);
    const undated = !(item.date && item.date.start);
    const row = h("tr", { "data-testid": "event-row", "data-event-id": item.id, "data-event": item.event,
      class: "event-row", onclick: open },
      h("td", { class: "nowrap" }, day, undated
        ? h("span", { class: "muted", title: "publication date: the event's own date is not known" }, " (pub.)")
        : null),
      h("td", {},
        h("span", { class: "swatch", style: `background:${typeColor(item.event)}`, "aria-hidden": "true" }),
        h("button", { type: "button", class: "link open-event", "data-testid": "open-event",
          "aria-label": `Open ${item.event} event${place ? ` in ${placeText(place)}` : ""}${day ? ` on ${day}` : ""}`,
          onclick: (ev) => { ev.stopPropagation(); open(); } }, item.event),
        mode ? h("div", { class: "muted small" }, mode) : null,
        item.modality && item.modality !== "asserted" ? h("div", { class: "badge" }, item.modality) : null),
      h("td", {}, place
        ? [placeText(place), h("span", { class: "muted" }, PRECISION_MARK[precisionOf(place)])]
        : h("span", { class: "muted" }, "—")),
      h("td", {}, actors || h("span", { class: "muted" }, "—"), recipients ? [" → ", recipients] : null,
        claimed.length ? h("div", { class: "muted small" }, `claimed by ${claimed.join(", ")}`) : null),
      h("td", { class: "num" }, countText(item.killed)),
      h("td", {}, item.article ? (item.article.source || "") : "",
        item.article && item.article.title ? h("div", { class: "muted small clip" }, item.article.title) : null),
      h("td", { class: "num" }, item.cluster ? String(item.cluster.reports) : "1"));
    return row;
  }
}
