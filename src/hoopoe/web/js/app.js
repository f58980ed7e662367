// hoopoe's analyst dashboard: wires the filter form, the map, the timeline, the actor network, the events
// table and the event view to the JSON API. The URL hash holds the whole state; every change goes through it
// (set the hash -> hashchange -> load), so Back/Forward and bookmarks work.
import { getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { TYPES } from "./colors.js";
import { emptyState, filterParams, readHash, toHash, withParams } from "./state.js";
import { EventMap } from "./map.js";
import { autoInterval, Timeline } from "./timeline.js";
import { Network } from "./network.js";
import { EventsTable } from "./table.js";
import { EventView } from "./eventview.js";

const PAGE_SIZE = 50;
const MAP_LIMIT = 500; // the API's largest page: the map shows at most this many events of a filter

const $ = (id) => document.getElementById(id);
const form = $("filters");

let state = emptyState();
let stats = null;
let pending = 0;
const latest = {}; // view name -> number of its latest request, so a slow old answer never overwrites a new one

function setBusy(delta) {
  pending += delta;
  document.body.dataset.state = pending > 0 ? "loading" : "ready";
}

function status(message, isError = false) {
  const el = $("status");
  el.textContent = message;
  el.classList.toggle("error", isError);
}

/** Run one load for a view; only the latest load of each view applies its result. */
async function load(view, work) {
  const ticket = (latest[view] = (latest[view] || 0) + 1);
  setBusy(+1);
  try {
    const result = await work();
    if (latest[view] === ticket) return result;
  } catch (err) {
    if (latest[view] === ticket) status(`Could not load the ${view}: ${err.message}`, true);
  } finally {
    setBusy(-1);
  }
  return undefined;
}

// true between a navigate() and the state it leads to, so the page never reads "ready" in between
let navigating = false;

function navigate(patch) {
  if (!navigating) {
    navigating = true;
    setBusy(+1);
  }
  const next = { ...state, ...patch };
  const hash = toHash(next);
  if (hash === window.location.hash || (hash === "" && window.location.hash === "")) {
    applyState(next);
  } else {
    window.location.hash = hash; // -> hashchange -> applyState
  }
}

// ----------------------------------------------------------------------------------------------- the views

const eventMap = new EventMap($("map"), { onOpen: (id) => navigate({ open: id }) });
const timeline = new Timeline($("timeline"), {
  onRange: (since, until) => navigate({ since, until, offset: 0 }),
});
const network = new Network($("network"), $("network-edges"), {
  onActor: (key) => navigate({ actor: key, offset: 0 }),
});
const table = new EventsTable($("events-table"), { onOpen: (id) => navigate({ open: id }) });
const view = new EventView($("event-view"), {
  onClose: () => navigate({ open: "" }),
  onOpen: (id) => navigate({ open: id }),
});

async function loadTable() {
  const params = withParams(filterParams(state), { limit: PAGE_SIZE, offset: state.offset, sort: "-date" });
  const page = await load("events", () => getJSON("/api/events", params));
  if (!page) return;
  table.render(page);
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  $("table-range").textContent = `${first}–${last} of ${page.total}${page.total_exact === false ? "+" : ""}`;
  $("page-prev").disabled = page.offset <= 0;
  $("page-next").disabled = last >= page.total;
}

async function loadMap() {
  const params = withParams(filterParams(state), { limit: MAP_LIMIT, offset: 0, sort: "-date" });
  const page = await load("map", () => getJSON("/api/events", params));
  if (page) $("map-note").textContent = eventMap.update(page.items, page.total);
}

function timelineInterval() {
  const chosen = $("t-interval").value;
  if (chosen !== "auto") return chosen;
  return autoInterval(state.since || (stats && stats.first_date), state.until || (stats && stats.last_date));
}

async function loadTimeline() {
  const params = withParams(filterParams(state), { interval: timelineInterval(), by: "event" });
  const data = await load("timeline", () => getJSON("/api/timeseries", params));
  if (data) timeline.render(data, [state.since, state.until]);
}

async function loadNetwork() {
  const params = withParams(filterParams(state), { min_events: 1, limit: 200 });
  const data = await load("network", () => getJSON("/api/network", params));
  if (data) $("network-note").textContent = network.render(data);
}

async function openEvent(id) {
  view.showLoading(id);
  const data = await load("event", () => getJSON(`/api/events/${encodeURIComponent(id)}`));
  if (state.open !== id) return;
  if (data) view.render(data);
  else view.showError(`Event ${id} could not be loaded.`);
}

// ------------------------------------------------------------------------------------------------ the form

function fillForm(s) {
  $("f-since").value = s.since;
  $("f-until").value = s.until;
  for (const opt of $("f-event").options) opt.selected = s.event.includes(opt.value);
  ensureOption($("f-country"), s.country);
  $("f-country").value = s.country;
  $("f-modality").value = s.modality;
  $("f-actor").value = s.actor;
  $("f-q").value = s.q;
  $("f-dedup").checked = s.dedup;
}

function ensureOption(select, value, label = value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.append(h("option", { value }, label));
}

function readForm() {
  return {
    since: $("f-since").value,
    until: $("f-until").value,
    event: [...$("f-event").selectedOptions].map((o) => o.value),
    country: $("f-country").value,
    modality: $("f-modality").value,
    actor: $("f-actor").value.trim(),
    q: $("f-q").value.trim(),
    dedup: $("f-dedup").checked,
    offset: 0,
  };
}

function fillChoices() {
  const types = stats ? Object.keys(stats.types || {}) : [];
  for (const t of state.event) if (!types.includes(t)) types.push(t);
  types.sort((a, b) => ((TYPES[a] || {}).quad || 9) - ((TYPES[b] || {}).quad || 9) || a.localeCompare(b));
  $("f-event").replaceChildren(...types.map((t) =>
    h("option", { value: t }, stats && stats.types[t] !== undefined ? `${t} (${stats.types[t]})` : t)));
  const countries = Object.entries((stats && stats.countries) || {}).sort((a, b) => b[1] - a[1]);
  $("f-country").replaceChildren(h("option", { value: "" }, "All countries"),
    ...countries.map(([code, n]) => h("option", { value: code }, `${code} (${n})`)));
}

function updateExports() {
  for (const a of document.querySelectorAll(".exports a[data-format]")) {
    const p = filterParams(state);
    p.set("format", a.dataset.format);
    a.href = `/api/export?${p.toString()}`;
  }
}

let actorTimer = null;
function suggestActors() {
  clearTimeout(actorTimer);
  const q = $("f-actor").value.trim();
  if (q.length < 2) return;
  actorTimer = setTimeout(async () => {
    const params = new URLSearchParams({ search: q, limit: "20" });
    const data = await load("actor list", () => getJSON("/api/actors", params));
    if (!data) return;
    $("actor-options").replaceChildren(...data.items.map((a) =>
      h("option", { value: a.name }, `${a.events} event${a.events === 1 ? "" : "s"}`)));
  }, 250);
}

// ------------------------------------------------------------------------------------------------ the state

function applyState(next) {
  const filtersChanged = filterParams(next).toString() !== filterParams(state).toString();
  const pageChanged = next.offset !== state.offset;
  const openChanged = next.open !== state.open;
  const first = !applyState.done;
  applyState.done = true;
  state = next;
  fillForm(state);
  updateExports();
  status("");
  if (first || filtersChanged) {
    loadTable();
    loadMap();
    loadTimeline();
    loadNetwork();
  } else if (pageChanged) {
    loadTable();
  }
  if (first || openChanged) {
    if (state.open) openEvent(state.open);
    else if (view.isOpen) view.close();
  }
  if (navigating) {
    navigating = false;
    setBusy(-1);
  }
}

async function loadStats() {
  stats = await load("summary", () => getJSON("/api/stats"));
  if (!stats) return;
  const parts = [`${stats.articles} articles`, `${stats.events} events`];
  if (stats.clusters !== undefined && stats.clusters !== null) parts.push(`${stats.clusters} happenings`);
  if (stats.first_date) parts.push(`${stats.first_date} to ${stats.last_date}`);
  $("stats").textContent = parts.join(" · ");
  fillChoices();
}

function wire() {
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    navigate(readForm());
  });
  for (const id of ["f-since", "f-until", "f-event", "f-country", "f-modality", "f-dedup"]) {
    $(id).addEventListener("change", () => navigate(readForm()));
  }
  $("f-actor").addEventListener("input", suggestActors);
  $("reset").addEventListener("click", () => navigate({ ...emptyState() }));
  $("page-prev").addEventListener("click", () => navigate({ offset: Math.max(0, state.offset - PAGE_SIZE) }));
  $("page-next").addEventListener("click", () => navigate({ offset: state.offset + PAGE_SIZE }));
  $("map-fit").addEventListener("click", () => eventMap.fit());
  $("t-interval").addEventListener("change", () => loadTimeline());
  window.addEventListener("hashchange", () => applyState(readHash()));
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (timeline.data) timeline.render(timeline.data, [state.since, state.until]);
    }, 150);
  });
}

async function main() {
  setBusy(+1);
  wire();
  state = readHash();
  try {
    await Promise.all([
      loadStats(),
      eventMap.loadBasemap().catch((err) => status(`Could not load the basemap: ${err.message}`, true)),
    ]);
    const initial = state;
    state = emptyState();
    applyState(initial);
  } finally {
    setBusy(-1);
  }
}

clear($("status"));
main();
