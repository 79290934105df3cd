// Events: who did what to whom, filtered like the API's /api/events. Every count elsewhere in the app that stands
// for events links here with its filters, and each event here links to its sentence in the reader.

import { PLOVER_CATEGORIES, QUAD_CLASSES } from "../codes.js";
import { eventItem, pagedList } from "../facts.js";
import { CONFIDENCE_FIELD, filterForm } from "../form.js";
import { append, h, link } from "../dom.js";

const FILTERS = ["q", "source", "target", "actor", "dyad", "entity_id", "code", "plover", "quad_class", "since", "until",
  "grouped", "group", "source_code", "target_code", "source_entity_id", "target_entity_id", "min_confidence"];
// Filters that other pages set and the form does not show: said in words above the list, with a way to drop them.
const HIDDEN = {
  dyad: (value) => `between ${value}`,
  entity_id: (value) => `entity ${value}`,
  source_code: (value) => `from exactly ${value}`,
  target_code: (value) => `to exactly ${value}`,
  source_entity_id: (value) => `from entity ${value}`,
  target_entity_id: (value) => `to entity ${value}`,
  group: (value) => `every report of event group ${value}`,
  grouped: () => "one row per event (its first report), as the charts count",
};

export async function render({ view, query, signal }) {
  const filters = Object.fromEntries(FILTERS.filter((name) => query[name]).map((name) => [name, query[name]]));
  append(view, [
    h("h1", {}, "Events"),
    filterForm("/events", query, [
      { name: "q", label: "Words", placeholder: "in the sentence", size: 12 },
      { name: "actor", label: "Either side", placeholder: "RUS, Putin", size: 11 },
      { name: "source", label: "Source", placeholder: "any", size: 9 },
      { name: "target", label: "Target", placeholder: "any", size: 9 },
      { name: "code", label: "CAMEO", placeholder: "11*", size: 4 },
      { name: "plover", label: "Event type", type: "select", options: [["", "any"], ...PLOVER_CATEGORIES] },
      { name: "quad_class", label: "QuadClass", type: "select", options: [["", "any"], ...Object.entries(QUAD_CLASSES).map(([n, q]) => [n, q.name])] },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      CONFIDENCE_FIELD,
    ], { keep: Object.fromEntries(Object.keys(HIDDEN).map((name) => [name, query[name]])) }),
    describe(filters),
    h("section", { class: "panel" },
      pagedList({ path: "events", query: filters, render: eventItem, empty: "No events match these filters.", limit: 50, signal })),
  ]);
}

/** Say which filters are on, including those the form does not show (a dyad, an entity), with a way to drop them. */
function describe(filters) {
  const hidden = Object.keys(HIDDEN).filter((name) => filters[name]);
  if (!hidden.length) return null;
  return h("p", { class: "lede" },
    hidden.map((name) => HIDDEN[name](filters[name])).join(" · "), " · ",
    link("/events", Object.fromEntries(Object.entries(filters).filter(([name]) => !hidden.includes(name))), "drop"));
}
