// PLOVER event types in quad-class order, each with a colour: cooperation in blues and greens (quad 1 verbal,
// 2 material), conflict in ambers (3 verbal) and reds/purples (4 material). Picked to stay apart on a light map.
export const TYPES = {
  AGREE: { quad: 1, color: "#1f6fb2" },
  CONSULT: { quad: 1, color: "#4a9fd8" },
  SUPPORT: { quad: 1, color: "#2a8f9c" },
  CONCEDE: { quad: 1, color: "#7fb6d6" },
  COOPERATE: { quad: 2, color: "#2e8b57" },
  AID: { quad: 2, color: "#63b35f" },
  RETREAT: { quad: 2, color: "#9acd7a" },
  REQUEST: { quad: 3, color: "#d4a017" },
  ACCUSE: { quad: 3, color: "#e08a1e" },
  REJECT: { quad: 3, color: "#b8860b" },
  THREATEN: { quad: 3, color: "#e36b2c" },
  SANCTION: { quad: 3, color: "#a0522d" },
  PROTEST: { quad: 4, color: "#8e44ad" },
  MOBILIZE: { quad: 4, color: "#6d4c9f" },
  COERCE: { quad: 4, color: "#c2185b" },
  ASSAULT: { quad: 4, color: "#c0392b" },
};

export const OTHER_COLOR = "#777777";

export function typeColor(type) {
  return (TYPES[type] && TYPES[type].color) || OTHER_COLOR;
}

export const QUAD_TEXT = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

// Network edges: red when conflict outweighs cooperation, green when cooperation does, grey when even.
export const EDGE_COLORS = { conflict: "#c0392b", cooperation: "#2e8b57", mixed: "#8a8a8a" };
