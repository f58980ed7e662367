// The event map: Leaflet over an offline basemap (Natural Earth country outlines from world-atlas, shipped in
// vendor/), no tiles. Colour = PLOVER type, size = casualties, and the drawing says how well the place is
// known: precision 1 is a solid point; precision 2 a dashed, hollow marker (near the place / part of a region);
// precision 3 (only the admin region or country is known) an area, never a point: the country's outline when the
// place is a country, else a dashed circle of about a province's size around the region's centre.
import { casualties, eventDay, h, placeText, precisionOf, PRECISION_TEXT } from "./dom.js";
import { TYPES, typeColor } from "./colors.js";

const L = window.L;

// Radius of the area drawn for an admin-region-only event: about the size of a mid-sized province (Kunduz
// province is ~8,000 km², radius ~50 km; Balochistan ~350,000 km², ~330 km); it only has to read as
// "somewhere around here", not as a point. When zoomed out it never shrinks below REGION_MIN_PX on screen, so
// an area always looks bigger than the smallest exact point.
const REGION_RADIUS_M = 100000;
const REGION_MIN_PX = 18;

/** Metres per screen pixel at a latitude and zoom (Web Mercator, 256-pixel tiles). */
function metresPerPixel(lat, zoom) {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}

/** Marker radius in pixels: 5 for no casualties, growing with the square root (area ~ casualties), 24 at most. */
export function markerRadius(n) {
  return Math.min(24, 5 + 2.2 * Math.sqrt(Math.max(0, n)));
}

export class EventMap {
  constructor(container, { onOpen }) {
    this.onOpen = onOpen;
    this.map = L.map(container, {
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.5,
      attributionControl: true,
      preferCanvas: false,
    }).setView([30, 40], 3);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth (public domain) via world-atlas");
    this.basemap = null;
    this.countries = new Map(); // ISO alpha-3 -> GeoJSON feature
    this.events = L.featureGroup().addTo(this.map);
    this.regions = []; // circles of precision-3 events, resized on zoom
    this.map.on("zoomend", () => this._sizeRegions());
    this.legend = this._legend();
    this.bounds = null;
  }

  async loadBasemap() {
    const [topo, codes] = await Promise.all([
      fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()),
      fetch("/static/data/iso-numeric.json").then((r) => r.json()),
    ]);
    const features = window.topojson.feature(topo, topo.objects.countries).features;
    for (const f of features) {
      const iso3 = codes[f.id];
      if (iso3) this.countries.set(iso3, f);
    }
    this.basemap = L.geoJSON(features, {
      renderer: L.canvas({ padding: 0.2 }),
      interactive: false,
      style: { color: "#a39e90", weight: 0.6, fillColor: "#efece3", fillOpacity: 1 },
    }).addTo(this.map);
    this.basemap.bringToBack();
  }

  /** Draw the events of one page of /api/events; `total` is how many the filter matches in all. */
  update(items, total) {
    this.events.clearLayers();
    this.regions = [];
    const located = items.filter((it) => it.place && Number.isFinite(it.place.lat) && Number.isFinite(it.place.lon));
    // areas first (underneath), then approximate markers, then exact points; big before small so small stay clickable
    const order = located.slice().sort((a, b) =>
      precisionOf(b.place) - precisionOf(a.place) || casualties(b) - casualties(a));
    for (const item of order) this._draw(item);
    this.bounds = located.length ? this.events.getBounds() : null;
    this.fit();
    const notLocated = items.length - located.length;
    const parts = [`${located.length} on the map`];
    if (notLocated) parts.push(`${notLocated} without a place`);
    if (total > items.length) parts.push(`first ${items.length} of ${total} shown`);
    this._legendTypes(located);
    return parts.join(" · ");
  }

  _regionRadius(lat) {
    return Math.max(REGION_RADIUS_M, REGION_MIN_PX * metresPerPixel(lat, this.map.getZoom()));
  }

  _sizeRegions() {
    for (const circle of this.regions) circle.setRadius(this._regionRadius(circle.getLatLng().lat));
  }

  fit() {
    if (this.bounds && this.bounds.isValid()) {
      this.map.fitBounds(this.bounds.pad(0.25), { maxZoom: 6, animate: false });
    }
  }

  _draw(item) {
    const place = item.place;
    const precision = precisionOf(place);
    const color = typeColor(item.event);
    const radius = markerRadius(casualties(item));
    let layer;
    if (precision === 1) {
      layer = L.circleMarker([place.lat, place.lon], {
        radius, color: "#ffffff", weight: 1, fillColor: color, fillOpacity: 0.85,
      });
    } else if (precision === 2) {
      layer = L.circleMarker([place.lat, place.lon], {
        radius: Math.max(radius, 7), color, weight: 2, dashArray: "4 3", fillColor: color, fillOpacity: 0.25,
      });
    } else {
      const country = place.feature === "country" && place.country ? this.countries.get(place.country) : null;
      const style = { color, weight: 2, dashArray: "6 4", fillColor: color, fillOpacity: 0.12 };
      if (country) {
        layer = L.geoJSON(country, { style });
      } else {
        layer = L.circle([place.lat, place.lon], { ...style, radius: this._regionRadius(place.lat) });
        this.regions.push(layer);
      }
    }
    layer.bindTooltip(this._tooltip(item, precision), { sticky: true, direction: "top" });
    layer.on("click", () => this.onOpen(item.id));
    layer.addTo(this.events);
    const label = `${item.event} ${placeText(place)} ${eventDay(item)} (${PRECISION_TEXT[precision]})`;
    const paths = layer.getElement ? [layer.getElement()] : [];
    if (layer.eachLayer) layer.eachLayer((sub) => sub.getElement && paths.push(sub.getElement()));
    for (const el of paths.filter(Boolean)) {
      el.classList.add("evt-marker", `evt-p${precision}`);
      el.setAttribute("data-testid", "map-event");
      el.setAttribute("data-event-id", item.id);
      el.setAttribute("data-event", item.event);
      el.setAttribute("data-place", place.name || place.text || "");
      el.setAttribute("data-precision", String(precision));
      el.setAttribute("aria-label", label);
    }
  }

  _tooltip(item, precision) {
    // built as DOM nodes: Leaflet would treat a string as HTML
    const killed = item.killed ? (item.killed.text || item.killed.min) : null;
    return h("div", { class: "tip" },
      h("strong", {}, item.event), " ", eventDay(item), h("br"),
      placeText(item.place), h("br"),
      h("em", {}, PRECISION_TEXT[precision]),
      killed !== null && killed !== undefined ? [h("br"), `killed: ${killed}`] : null,
      h("br"), h("span", { class: "tip-hint" }, "click to open"));
  }

  _legend() {
    const control = L.control({ position: "bottomleft" });
    control.onAdd = () => {
      const box = h("div", { class: "map-legend", "data-testid": "map-legend" });
      this.legendTypes = h("ul", { class: "legend-types" });
      const sym = (cls, text) => h("li", {}, h("span", { class: `sym ${cls}`, "aria-hidden": "true" }), text);
      box.append(this.legendTypes, h("ul", { class: "legend-precision" },
        sym("p1", "exact place"), sym("p2", "near / part of a region"), sym("p3", "region or country only")));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(this.map);
    return control;
  }

  _legendTypes(items) {
    if (!this.legendTypes) return;
    const present = [...new Set(items.map((it) => it.event))].sort(
      (a, b) => ((TYPES[a] || {}).quad || 9) - ((TYPES[b] || {}).quad || 9) || a.localeCompare(b));
    this.legendTypes.replaceChildren(...present.map((t) =>
      h("li", {}, h("span", { class: "sym dot", style: `background:${typeColor(t)}`, "aria-hidden": "true" }), t)));
  }
}
