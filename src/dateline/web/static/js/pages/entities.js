// Actors: people, organisations and places across the corpus, the most widely mentioned first.

import { ENTITY_KINDS } from "../codes.js";
import { pagedList } from "../facts.js";
import { filterForm } from "../form.js";
import { countOf, h, link, route } from "../dom.js";

export async function render({ view, query, signal }) {
  const { kind = "", q = "", country = "" } = query;
  view.append(
    h("h1", {}, "Actors"),
    filterForm("/entities", query, [
      { name: "q", label: "Name", placeholder: "Putin", size: 20 },
      { name: "kind", label: "Kind", type: "select", options: [["", "any"], ...Object.entries(ENTITY_KINDS)] },
      { name: "country", label: "Country", placeholder: "RUS", size: 5 },
    ]),
    h("section", { class: "panel" },
      pagedList({
        path: "entities",
        query: { kind, q, country },
        render: entityRow,
        empty: "No actors match these filters.",
        limit: 50,
        className: "entity-list",
        signal,
      })),
  );
}

function entityRow(entity) {
  return h("li", {},
    link(`/entity/${encodeURIComponent(entity.id)}`, {}, entity.name),
    h("span", { class: "badge muted" }, entity.kind),
    entity.country ? h("span", { class: "code" }, entity.country) : null,
    entity.roles?.length ? h("span", { class: "roles" }, entity.roles.slice(0, 3).join(" · ")) : null,
    h("a", { class: "count", href: route("/", { person: entity.name, entity: entity.id }), title: "The articles that mention them" },
      `${countOf(entity.mentions, "mention")} · ${countOf(entity.articles, "article")}`));
}
