// The timeline: articles and events over time (events stacked by QuadClass, mean Goldstein beside them), zoomable,
// filtered by actor, event type and words. Clicking a period lists its events and links to its articles.

import { get } from "../api.js";
import { AXIS, chart, goldsteinLine, onColumnClick, quadClassBars, timeAxes } from "../charts.js";
import { PLOVER_CATEGORIES } from "../codes.js";
import { eventItem, pagedList } from "../facts.js";
import { CONFIDENCE_FIELD, filterForm } from "../form.js";
import { countOf, h, link, section, state } from "../dom.js";
import { replaceQuery } from "../router.js";

export async function render({ view, query, signal, onCleanup }) {
  const { by = "month", since = "", until = "", actor = "", plover = "", q = "", min_confidence = "" } = query;
  view.append(
    h("h1", {}, "Timeline"),
    filterForm("/timeline", query, [
      { name: "actor", label: "Actor", placeholder: "RUS, Putin", size: 14 },
      { name: "plover", label: "Event type", type: "select", options: [["", "any"], ...PLOVER_CATEGORIES] },
      { name: "q", label: "Words", placeholder: "sanctions, Putin", size: 18 },
      { name: "by", label: "Per", type: "select", options: ["day", "week", "month"], default: "month" },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      CONFIDENCE_FIELD,
    ]),
  );
  const timeline = await get("timeline", { by, since, until, actor, plover, q, min_confidence }, signal);
  const points = timeline.points;
  if (!points.some((p) => p.articles || p.events)) {
    view.append(state("Nothing in these dates for these filters."));
    return;
  }
  const box = h("div", { class: "chart tall", role: "img", "aria-label": `Articles and events per ${by}` });
  const detail = h("div", { class: "chart-detail" }, state("Click a period to list its events; drag the slider or scroll on the chart to zoom."));
  view.append(section("Articles and events", `per ${timeline.by ?? by}`, box, detail));

  // Events above, articles in a strip below on their own scale (a few articles carry many events), one zoom for both.
  const periods = points.map((p) => p.period);
  const axes = timeAxes(periods);
  const option = {
    ...axes,
    grid: [{ ...axes.grid, bottom: 150 }, { left: axes.grid.left, right: axes.grid.right, height: 56, bottom: 72 }],
    xAxis: [{ ...axes.xAxis, axisLabel: { show: false } }, { ...axes.xAxis, gridIndex: 1 }],
    yAxis: [...axes.yAxis, { type: "value", gridIndex: 1, minInterval: 1, splitNumber: 2, ...AXIS }],
    dataZoom: axes.dataZoom.map((zoom) => ({ ...zoom, xAxisIndex: [0, 1] })),
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    series: [
      ...quadClassBars(points),
      goldsteinLine(points),
      { name: "articles", type: "bar", xAxisIndex: 1, yAxisIndex: 2, barMaxWidth: 28, data: points.map((p) => p.articles), itemStyle: { color: "#9aa7b8" } },
    ],
  };
  const instance = await chart(box, option, onCleanup);
  if (!instance) {
    detail.remove(); // no chart to click: the counts on the page still link to their events
    return;
  }
  // The events a period counts: one per event group, with the words in their sentence, as the chart counts them.
  const behind = (point) => ({ actor, plover, q, min_confidence, grouped: "true", since: point.start, until: point.end });
  const choose = (index) => {
    const point = points[index];
    if (!point) return;
    replaceQuery({ ...query, at: point.period });
    detail.replaceChildren(
      h("h3", { class: "detail-head" }, `${point.period}: `,
        link("/", { q, since: point.start, until: point.end }, countOf(point.articles, "article")), ", ",
        link("/events", behind(point), countOf(point.events, "event"))),
      pagedList({
        path: "events",
        query: behind(point),
        render: eventItem,
        empty: `No events in ${point.period}.`,
        signal,
      }),
    );
  };
  onColumnClick(instance, choose);
  const at = points.findIndex((p) => p.period === query.at);
  if (at >= 0) choose(at);
}
