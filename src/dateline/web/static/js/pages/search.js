// Search: articles by words (with the server's snippets), narrowed by dates, outlet, a person they mention and an
// event type they report (filters the API applies); beside them, the events and quotes of the same person, type and
// words, each linked to its sentence.

import { get } from "../api.js";
import { PLOVER_CATEGORIES } from "../codes.js";
import { eventItem, pagedList, quoteItem } from "../facts.js";
import { filterForm } from "../form.js";
import { countOf, formatDate, h, link, snippet, state } from "../dom.js";

export async function render({ view, query, signal }) {
  const { q = "", since = "", until = "", outlet = "", person = "", plover = "", story = "", entity = "" } = query;
  const stats = get("stats", {}, signal);
  view.append(
    h("h1", {}, "Search"),
    filterForm("/", query, [
      { name: "q", label: "Words", placeholder: 'sanctions, "Minsk agreements", NOT sport', size: 26 },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      { name: "outlet", label: "Outlet", placeholder: "any", size: 14, list: stats.then((s) => s.top_outlets.map(([name]) => name)) },
      { name: "person", label: "Person", placeholder: "anyone", size: 16, list: names("PERSON", signal) },
      { name: "plover", label: "Event type", type: "select", options: [["", "any"], ...PLOVER_CATEGORIES] },
    ], { submit: "Search", keep: { story, entity } }),
  );
  const summary = h("p", { class: "lede" });
  view.append(summary);
  stats
    .then((s) => {
      const span = s.first_published ? ` · ${formatDate(s.first_published)} – ${formatDate(s.last_published)}` : "";
      summary.textContent = `${countOf(s.articles, "article")} from ${countOf(s.outlets, "outlet")}${span}`;
    })
    .catch(() => {});

  // The person narrows the articles to those that mention them: the entity the actor page sent (?entity=), else
  // the most mentioned person whose name holds what was typed. The event type keeps articles reporting one.
  const who = entity ? { id: entity, name: person } : person ? await personNamed(person, signal) : null;
  if (person && !who) {
    view.append(state(`No person named ${person} in these articles.`));
    return;
  }
  const dates = { since, until };
  const filters = { outlet, story, plover, entity_id: who?.id, ...dates };
  const narrowed = [who ? `mentioning ${who.name}` : "", plover ? `reporting ${plover}` : "", outlet ? `in ${outlet}` : ""]
    .filter(Boolean).join(", ");
  const articles = pagedList({
    path: "articles",
    query: { q, ...filters },
    // From an actor's page (?entity=), the reader opens with that actor's mentions marked.
    render: (item) => (q ? hitItem : articleItem)(item, who?.id ?? ""),
    empty: q ? `No article matches ${q}${narrowed ? ` ${narrowed}` : ""}.` : `No articles${narrowed ? ` ${narrowed}` : " stored for these filters"}.`,
    className: "results",
    signal,
  });
  const side = [];
  if (person || plover) {
    side.push(h("section", { class: "panel" }, h("h2", {}, "Events", h("small", {}, [person, plover].filter(Boolean).join(" · "))),
      pagedList({
        path: "events",
        query: { entity_id: who?.id, plover, ...dates },
        render: eventItem,
        empty: "No events for these filters.",
        limit: 10,
        signal,
      })));
  }
  if (person || q) {
    side.push(h("section", { class: "panel" }, h("h2", {}, "Quotes", h("small", {}, [person, q].filter(Boolean).join(" · "))),
      pagedList({
        path: "quotes",
        query: { entity_id: who?.id, about: q, ...dates },
        render: (quote) => quoteItem(quote),
        empty: "No quotes for these filters.",
        limit: 10,
        signal,
      })));
  }
  view.append(
    h("div", { class: side.length ? "columns" : "" },
      h("section", { class: "panel" }, h("h2", {}, q || narrowed ? "Articles" : "Latest articles", narrowed ? h("small", {}, narrowed) : null), articles),
      side.length ? h("div", { class: "side" }, side) : null),
  );
}

function articleMeta(article) {
  return h("div", { class: "meta" }, [
    article.outlet ? link("/", { outlet: article.outlet }, article.outlet) : null,
    article.authors?.length ? h("span", {}, article.authors.join(", ")) : null,
    article.published ? h("time", { datetime: article.published }, formatDate(article.published)) : null,
  ].filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part])));
}

function articleTitle(article, entity) {
  return h("h3", {}, link(`/article/${encodeURIComponent(article.id)}`, { entity }, article.title || "(untitled)"));
}

function articleItem(article, entity) {
  return h("li", { class: "result" }, articleTitle(article, entity), articleMeta(article));
}

function hitItem(hit, entity) {
  return h("li", { class: "result" }, articleTitle(hit, entity), articleMeta(hit), snippet(hit.snippet));
}

/** The most mentioned person whose name holds ``name`` (any case), or null. */
async function personNamed(name, signal) {
  const found = (await get("entities", { kind: "PERSON", q: name, limit: 20 }, signal)).items;
  const exact = found.find((entity) => entity.name.toLowerCase() === name.toLowerCase());
  const best = exact ?? found[0];
  return best ? { id: best.id, name: best.name } : null;
}

/** The most mentioned names of a kind, for a field's suggestions. */
export async function names(kind, signal) {
  const page = await get("entities", { kind, limit: 200 }, signal);
  return page.items.map((entity) => entity.name);
}
