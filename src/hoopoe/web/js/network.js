// The actor network (Cytoscape.js) from /api/network: one node per actor (size = events), one edge per pair
// (width = events; red when conflict events outweigh cooperation, green when cooperation does, grey when even).
// Clicking an actor filters the dashboard to it. A plain list of the links sits beside it for keyboards and
// screen readers.
import { clear, h } from "./dom.js";
import { EDGE_COLORS } from "./colors.js";

const SECTOR_COLORS = {
  GOV: "#34495e", MIL: "#556b2f", COP: "#4f6d8f", REB: "#a93226", INS: "#a93226", OPP: "#b9770e",
  CVL: "#7f8c8d", REL: "#7d6608", MED: "#5d6d7e", NGO: "#117a65", IGO: "#1f618d", JUD: "#6c3483",
};

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function edgeTone(edge) {
  if ((edge.conflict || 0) > (edge.cooperation || 0)) return "conflict";
  if ((edge.cooperation || 0) > (edge.conflict || 0)) return "cooperation";
  return "mixed";
}

export class Network {
  constructor(container, list, { onActor }) {
    this.container = container;
    this.list = list;
    this.onActor = onActor;
    this.cy = window.cytoscape({
      container,
      elements: [],
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          label: "data(name)", "font-size": 15, "min-zoomed-font-size": 6,
          "text-wrap": "ellipsis", "text-max-width": 110,
          "text-valign": "bottom", "text-margin-y": 3, color: "#222", "text-outline-color": "#fff",
          "text-outline-width": 2, "background-color": "data(color)",
          width: "data(size)", height: "data(size)", "border-width": 1, "border-color": "#fff" } },
        { selector: "edge", style: {
          width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", opacity: 0.8 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#f1c40f" } },
      ],
    });
    this.cy.on("tap", "node", (ev) => this.onActor(ev.target.id()));
  }

  /** Draw one /api/network answer; returns a one-line summary. */
  render(data) {
    const nodes = data.nodes || [];
    const edges = (data.edges || []).filter((e) => e.source !== e.target);
    const ids = new Set(nodes.map((n) => n.id));
    const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
    const elements = [
      ...nodes.map((n) => ({ group: "nodes", data: {
        id: String(n.id), name: n.name || String(n.id), events: n.events || 0,
        size: 14 + 26 * Math.sqrt((n.events || 0) / maxEvents),
        color: SECTOR_COLORS[n.sector] || "#95a5a6" } })),
      ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ group: "edges", data: {
        id: `e${i}`, source: String(e.source), target: String(e.target), events: e.events || 0,
        width: Math.min(8, 1 + Math.log2(1 + (e.events || 0))), color: EDGE_COLORS[edgeTone(e)] } })),
    ];
    this.cy.elements().remove();
    this.cy.add(elements);
    this.cy.resize();
    this.cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000,
      idealEdgeLength: () => 70, componentSpacing: 40, padding: 28, fit: true }).run();
    this.container.dataset.nodes = String(this.cy.nodes().length);
    this.container.dataset.edges = String(this.cy.edges().length);
    this._list(nodes, edges);
    return `${plural(nodes.length, "actor")}, ${plural(edges.length, "link")}`;
  }

  _actorButton(key, name) {
    return h("button", { type: "button", class: "link", title: `show only events of ${name}`,
      onclick: () => this.onActor(key) }, name);
  }

  _list(nodes, edges) {
    const names = new Map(nodes.map((n) => [n.id, n.name || String(n.id)]));
    clear(this.list);
    const sorted = edges.slice().sort((a, b) => (b.events || 0) - (a.events || 0));
    for (const e of sorted) {
      const tone = edgeTone(e);
      const a = names.get(e.source) || e.source;
      const b = names.get(e.target) || e.target;
      this.list.append(h("li", { "data-testid": "network-edge", "data-tone": tone },
        this._actorButton(String(e.source), a),
        " → ",
        this._actorButton(String(e.target), b),
        `: ${plural(e.events, "event")} (${e.cooperation || 0} cooperation, ${e.conflict || 0} conflict)`));
    }
    if (!sorted.length) this.list.append(h("li", {}, "no links between actors in this filter"));
  }
}
