// Two actors (RUS and USA, say): cooperation and conflict between them over time — events per period stacked by
// QuadClass, with the mean Goldstein score. Clicking a period lists the events behind it, each linked to its
// sentence; the chosen period stays in the URL (?at=) so the view can be shared.

import { get } from "../api.js";
import { chart, goldsteinLine, onColumnClick, quadClassBars, timeAxes } from "../charts.js";
import { goldsteinColour } from "../codes.js";
import { eventItem, pagedList } from "../facts.js";
import { CONFIDENCE_FIELD, filterForm } from "../form.js";
import { countOf, formatGoldstein, h, link, section, state } from "../dom.js";
import { replaceQuery } from "../router.js";

const PERIODS = ["day", "week", "month", "year"];

export async function render({ view, query, signal, onCleanup }) {
  const { a = "", b = "", by = "month", since = "", until = "", min_confidence = "" } = query;
  view.append(
    h("h1", {}, a && b ? `${a} – ${b}` : "Dyads"),
    filterForm("/dyad", query, [
      { name: "a", label: "Actor", placeholder: "RUS", size: 12 },
      { name: "b", label: "and actor", placeholder: "USA", size: 12 },
      { name: "by", label: "Per", type: "select", options: PERIODS, default: "month" },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      CONFIDENCE_FIELD,
    ], { submit: "Show" }),
  );
  if (!a || !b) {
    view.append(state("Name two actors — country or actor codes like RUS and USA (RUS covers RUSGOV, RUSMIL), or names — to see how they dealt with each other over time."));
    return;
  }
  const dyad = await get("dyads", { a, b, by, since, until, min_confidence }, signal);
  const points = dyad.points;
  const total = points.reduce((sum, p) => sum + p.events, 0);
  if (!total) {
    view.append(state(`No events between ${a} and ${b}${since || until ? " in these dates" : ""}.`));
    return;
  }
  const mean = points.reduce((sum, p) => sum + (p.events ? p.goldstein * p.events : 0), 0) / total;
  const all = { dyad: `${a},${b}`, since, until, min_confidence, grouped: "true" }; // one row per event, as the chart counts
  view.append(
    h("p", { class: "numbers" },
      link("/events", all, h("strong", {}, countOf(total, "event")), ` between ${a} and ${b}`),
      h("span", { class: "number" }, "mean Goldstein ", h("strong", { style: { color: goldsteinColour(mean) } }, formatGoldstein(mean)))),
  );
  const box = h("div", { class: "chart", role: "img", "aria-label": `Events between ${a} and ${b} per ${by}, by QuadClass, with the mean Goldstein score` });
  const detail = h("div", { class: "chart-detail" }, state("Click a period in the chart to list the events behind it."));
  view.append(section("Over time", `per ${dyad.by ?? by}`, box, detail));

  const instance = await chart(box, { ...timeAxes(points.map((p) => p.period)), series: [...quadClassBars(points), goldsteinLine(points)] }, onCleanup);
  if (!instance) {
    detail.remove(); // no chart to click: the counts on the page still link to their events
    return;
  }
  const choose = (index) => {
    const point = points[index];
    if (!point) return;
    replaceQuery({ ...query, at: point.period });
    detail.replaceChildren(
      h("h3", { class: "detail-head" }, `${point.period}: `,
        link("/events", { ...all, since: point.start, until: point.end }, countOf(point.events, "event")),
        point.events ? [", mean Goldstein ", formatGoldstein(point.goldstein)] : null),
      pagedList({
        path: "events",
        query: { ...all, since: point.start, until: point.end },
        render: eventItem,
        empty: `No events between ${a} and ${b} in ${point.period}.`,
        signal,
      }),
    );
  };
  onColumnClick(instance, choose);
  const at = points.findIndex((p) => p.period === query.at);
  if (at >= 0) choose(at);
}
