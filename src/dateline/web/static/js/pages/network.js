// The network: actors as nodes (sized by their events), events as directed edges (width by count, colour by the
// dominant QuadClass), for the current filter. Clicking an edge or a node lists the events behind it.

import { get } from "../api.js";
import { chart } from "../charts.js";
import { PLOVER_CATEGORIES, QUAD_CLASSES, goldsteinColour } from "../codes.js";
import { eventItem, pagedList, quadBadge } from "../facts.js";
import { CONFIDENCE_FIELD, filterForm } from "../form.js";
import { countOf, formatGoldstein, formatNumber, h, link, section, state } from "../dom.js";

export async function render({ view, query, signal, onCleanup }) {
  const { by = "code", since = "", until = "", actor = "", plover = "", min_events = "", min_confidence = "" } = query;
  const filters = { since, until, plover, min_confidence };
  view.append(
    h("h1", {}, "Network"),
    filterForm("/network", query, [
      { name: "by", label: "Actors as", type: "select", options: [["code", "actor codes"], ["entity", "named actors"]] },
      { name: "actor", label: "Around", placeholder: "RUS, Putin", size: 14 },
      { name: "plover", label: "Event type", type: "select", options: [["", "any"], ...PLOVER_CATEGORIES] },
      { name: "min_events", label: "Min events", type: "number", min: 1, size: 4 },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      CONFIDENCE_FIELD,
    ]),
  );
  const network = await get("network", { by, since, until, actor, plover, min_events, min_confidence }, signal);
  if (!network.edges.length) {
    view.append(state("No events between two actors for these filters."));
    return;
  }
  const nodes = new Map(network.nodes.map((node) => [String(node.id), node]));
  // Events are asked for by code, or by name for named actors; both are what /api/events understands.
  const handle = (node) => (by === "code" ? node.code ?? node.id : node.label);
  // An edge's events exactly as it counts them: whole codes or entities at each end, one row per event group.
  const ends = by === "code" ? ["source_code", "target_code"] : ["source_entity_id", "target_entity_id"];
  const edgeQuery = (edge) => ({ ...filters, actor, [ends[0]]: String(edge.source), [ends[1]]: String(edge.target), grouped: "true" });
  const box = h("div", { class: "chart network", role: "img", "aria-label": "Actors linked by their events" });
  const detail = h("div", { class: "chart-detail" }, state("Click a line to list the events between two actors, or an actor for all of theirs."));
  view.append(
    h("div", { class: "legend-row" }, Object.entries(QUAD_CLASSES).map(([n, q]) => quadBadge(Number(n), q.name))),
    h("div", { class: "columns" },
      section("Who acts on whom", `${countOf(network.nodes.length, "actor")} · ${countOf(network.edges.length, "link")}`, box, detail),
      h("div", { class: "side" }, section("Strongest links", null, edgeTable(network.edges, nodes, edgeQuery)))),
  );

  const top = Math.max(...network.nodes.map((n) => n.events), 1);
  const heaviest = Math.max(...network.edges.map((e) => e.events), 1);
  const instance = await chart(box, {
    tooltip: {
      formatter: (item) => (item.dataType === "edge"
        ? `${esc(item.data.sourceLabel)} → ${esc(item.data.targetLabel)}: ${item.data.events} events, Goldstein ${formatGoldstein(item.data.goldstein)}`
        : `${esc(item.data.name)}: ${item.data.events} events`),
    },
    series: [{
      type: "graph",
      layout: "force",
      roam: true,
      draggable: true,
      force: { repulsion: 320, edgeLength: [60, 150], gravity: 0.12 },
      label: { show: true, position: "right", fontSize: 11, color: "#2b2f36" },
      labelLayout: { hideOverlap: true },
      edgeSymbol: ["none", "arrow"],
      edgeSymbolSize: 7,
      emphasis: { focus: "adjacency" },
      data: network.nodes.map((node) => ({
        id: String(node.id),
        name: node.label ?? node.code ?? String(node.id),
        events: node.events,
        symbolSize: 8 + 30 * Math.sqrt(node.events / top),
        itemStyle: { color: "#3d5a80", borderColor: "#fff", borderWidth: 1 },
      })),
      links: network.edges.map((edge) => ({
        source: String(edge.source),
        target: String(edge.target),
        events: edge.events,
        goldstein: edge.goldstein,
        sourceLabel: nodes.get(String(edge.source))?.label ?? String(edge.source),
        targetLabel: nodes.get(String(edge.target))?.label ?? String(edge.target),
        lineStyle: {
          color: QUAD_CLASSES[edge.quad_class]?.colour ?? "#999",
          width: 1 + 5 * Math.sqrt(edge.events / heaviest),
          opacity: 0.85,
          curveness: 0.15,
        },
      })),
    }],
  }, onCleanup);
  if (!instance) {
    detail.remove(); // no chart to click: the counts on the page still link to their events
    return;
  }
  instance.on("click", (item) => {
    if (item.dataType === "edge") {
      const from = nodes.get(item.data.source);
      const to = nodes.get(item.data.target);
      showEvents(detail, `${from.label} → ${to.label}: ${countOf(item.data.events, "event")}`, edgeQuery(item.data), signal);
    } else if (item.dataType === "node") {
      const node = nodes.get(item.data.id);
      showEvents(detail, node.label, { ...filters, actor: handle(node) }, signal, node.entity_id);
    }
  });
}

function showEvents(detail, title, query, signal, entityId) {
  detail.replaceChildren(
    h("h3", { class: "detail-head" }, title, entityId ? [" · ", link(`/entity/${encodeURIComponent(entityId)}`, {}, "their page")] : null),
    pagedList({ path: "events", query, render: eventItem, empty: "No events.", signal }),
  );
}

function edgeTable(edges, nodes, edgeQuery) {
  const sorted = [...edges].sort((x, y) => y.events - x.events).slice(0, 15);
  return h("table", { class: "partners" },
    h("thead", {}, h("tr", {}, h("th", {}, "source → target"), h("th", {}, "events"), h("th", {}, "Goldstein"))),
    h("tbody", {}, sorted.map((edge) => {
      const from = nodes.get(String(edge.source));
      const to = nodes.get(String(edge.target));
      return h("tr", {},
        h("td", {}, h("span", { class: `dot quad-${edge.quad_class}`, title: QUAD_CLASSES[edge.quad_class]?.name }), " ", from?.label ?? edge.source, " → ", to?.label ?? edge.target),
        h("td", { class: "num" }, link("/events", edgeQuery(edge), formatNumber(edge.events))),
        h("td", { class: "num", style: { color: goldsteinColour(edge.goldstein) } }, formatGoldstein(edge.goldstein)));
    })));
}

/** ECharts renders tooltip strings as HTML, so names from articles are escaped before they reach one. */
function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
