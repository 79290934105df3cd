// An actor's page: who they are (aliases, roles, country, the codes they were coded as), what they said, what they
// did and had done to them, who they deal with most, and their activity over time. Each count links to the list
// of facts behind it, and each fact to its sentence.

import { get } from "../api.js";
import { AXIS, chart, onColumnClick } from "../charts.js";
import { goldsteinColour } from "../codes.js";
import { entityLink, eventItem, pagedList, quoteItem } from "../facts.js";
import { countOf, formatGoldstein, formatNumber, h, link, plural, route, section, state } from "../dom.js";
import { periodRange } from "../periods.js";
import { replaceQuery } from "../router.js";

const WIDEST = 48; // periods an activity chart shows before it steps up to years

export async function render({ view, params, query, signal, onCleanup }) {
  const id = params.id;
  let by = query.by || "month";
  let found = await get(`entities/${encodeURIComponent(id)}`, { by }, signal);
  if (!query.by && found.timeline.length > WIDEST) {
    by = "year";
    found = await get(`entities/${encodeURIComponent(id)}`, { by }, signal);
  }
  const { entity, codes } = found;
  document.title = `${entity.name} · dateline`;
  const total = (field) => found.timeline.reduce((sum, point) => sum + point[field], 0);
  const mentionsHref = route("/", { person: entity.name, entity: entity.id });

  view.append(
    h("header", { class: "entity-head" },
      h("h1", {}, entity.name),
      h("p", { class: "meta" },
        h("span", { class: "badge" }, entity.kind),
        entity.country ? [" ", link("/entities", { country: entity.country }, entity.country)] : null,
        entity.gender ? ` · ${entity.gender}` : null),
      h("dl", { class: "kv facts-about" },
        entity.aliases?.length ? [h("dt", {}, "also named"), h("dd", {}, entity.aliases.join(" · "))] : null,
        entity.roles?.length ? [h("dt", {}, "roles"), h("dd", {}, entity.roles.join(" · "))] : null,
        codes?.length
          ? [h("dt", {}, "coded as"), h("dd", {}, codes.map((code) => [link("/events", { actor: code }, h("span", { class: "code" }, code)), " "]))]
          : null),
      h("p", { class: "numbers" },
        number(mentionsHref, entity.mentions, "mention"),
        number(mentionsHref, entity.articles, "article"),
        number(route("/quotes", { entity_id: entity.id }), total("quotes"), "quote"),
        number(route("/events", { entity_id: entity.id, grouped: "true" }), total("events"), "event"))),
  );

  const activity = h("div", { class: "chart small", role: "img", "aria-label": `${entity.name}'s activity over time` });
  const activityEvents = h("div", { class: "chart-detail" });
  const per = h("span", {}, ["month", "year"].map((period) =>
    (period === by ? h("strong", {}, period) : link(`/entity/${encodeURIComponent(id)}`, { by: period }, period))).flatMap((x, i) => (i ? [" · ", x] : [x])));
  view.append(
    h("div", { class: "columns wide-side" },
      section("Activity over time", per, activity, activityEvents),
      h("div", { class: "side" }, section("Who they deal with most", null, partnersTable(entity, codes, found.partners)))),
    h("div", { class: "columns even" },
      section("What they said", "latest",
        found.quotes.length ? h("ul", { class: "facts" }, found.quotes.map((quote) => quoteItem(quote, { speaker: false }))) : state("No quotes attributed."),
        found.quotes.length ? h("p", { class: "more-link" }, link("/quotes", { entity_id: entity.id }, "All their quotes →")) : null),
      h("div", {},
        section("What they did", "as source", eventsList(found.events_as_source, "No events with them as the source."),
          found.events_as_source.length ? h("p", { class: "more-link" }, link("/events", { source: entity.name }, "All →")) : null),
        section("What was done to them", "as target", eventsList(found.events_as_target, "No events with them as the target."),
          found.events_as_target.length ? h("p", { class: "more-link" }, link("/events", { target: entity.name }, "All →")) : null))),
  );

  const points = found.timeline ?? [];
  if (!points.length) {
    activity.replaceChildren(state("No dated activity."));
    activity.classList.remove("chart");
    return;
  }
  const instance = await chart(activity, {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: points.map((p) => p.period), ...AXIS },
    yAxis: { type: "value", minInterval: 1, ...AXIS },
    series: [
      { name: "mentions", type: "bar", barMaxWidth: 18, data: points.map((p) => p.mentions), itemStyle: { color: "#9aa7b8" } },
      { name: "quotes", type: "bar", barMaxWidth: 18, data: points.map((p) => p.quotes), itemStyle: { color: "#d9b44a" } },
      { name: "events", type: "bar", barMaxWidth: 18, data: points.map((p) => p.events), itemStyle: { color: "#3d6fa8" } },
    ],
  }, onCleanup);
  if (!instance) return;
  const choose = (index) => {
    const point = points[index];
    if (!point) return;
    const { start, end } = point.start ? point : periodRange(point.period);
    replaceQuery({ ...query, at: point.period });
    activityEvents.replaceChildren(
      h("h3", { class: "detail-head" }, `${point.period}: `,
        link("/quotes", { entity_id: entity.id, since: start, until: end }, countOf(point.quotes, "quote")), ", ",
        link("/events", { entity_id: entity.id, since: start, until: end, grouped: "true" }, countOf(point.events, "event"))),
      pagedList({ path: "events", query: { entity_id: entity.id, since: start, until: end, grouped: "true" }, render: eventItem, empty: `No events in ${point.period}.`, limit: 5, signal }),
    );
  };
  onColumnClick(instance, choose);
  const at = points.findIndex((p) => p.period === query.at);
  if (at >= 0) choose(at);
}

function number(href, count, noun) {
  return h("a", { href, class: "number" }, h("strong", {}, formatNumber(count)), ` ${plural(count, noun)}`);
}

function eventsList(events, empty) {
  return events.length ? h("ul", { class: "facts" }, events.map(eventItem)) : state(empty);
}

function partnersTable(entity, codes, partners) {
  if (!partners?.length) return state("No events with another actor.");
  const top = Math.max(...partners.map((p) => p.events));
  return h("table", { class: "partners" },
    h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", { class: "num" }, "events"), h("th", { class: "num" }, "Goldstein"))),
    h("tbody", {}, partners.map((partner) => {
      const other = partner.code || partner.name;
      const score = partner.mean_goldstein;
      return h("tr", {},
        h("td", {},
          entityLink(partner.entity_id, partner.name), " ",
          codes?.length && partner.code
            ? link("/dyad", { a: codes[0], b: partner.code }, h("span", { class: "code", title: `${codes[0]} – ${partner.code} over time` }, partner.code))
            : partner.code ? h("span", { class: "code" }, partner.code) : null),
        h("td", { class: "num" },
          h("a", { href: route("/events", { entity_id: entity.id, actor: other, grouped: "true" }), title: "The events behind this count" }, formatNumber(partner.events)),
          h("span", { class: "bar", style: { width: `${Math.round((60 * partner.events) / top)}px` } })),
        h("td", { class: "num", style: { color: goldsteinColour(score) } }, formatGoldstein(score)));
    })));
}
