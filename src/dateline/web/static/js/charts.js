// ECharts, served by dateline from static/vendor/ (built by `make vendor`). Loaded on the pages that chart, so
// search and the reader never wait for it; when the build step was skipped, the chart's place says so.

import { QUAD_CLASSES } from "./codes.js";
import { h } from "./dom.js";

let library = null;

function echarts() {
  library ??= import("/static/vendor/echarts.esm.min.js");
  return library;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';

/**
 * Draw `option` into `box` and resolve to the chart, disposed when the page is left (onCleanup). Charts follow the
 * window's size. When ECharts is missing, `box` holds a line saying how to build it, and this resolves to null.
 */
export async function chart(box, option, onCleanup) {
  let lib;
  try {
    lib = await echarts();
  } catch {
    box.classList.add("chart-missing");
    box.replaceChildren(
      h("p", { class: "state error" }, "Charts are unavailable: static/vendor/echarts.esm.min.js is missing. " +
        "Build it with `make vendor` (npm) and restart `dateline serve`."),
    );
    return null;
  }
  const instance = lib.init(box, null, { renderer: "canvas" });
  instance.setOption({ textStyle: { fontFamily: FONT }, animationDuration: 300, ...option });
  const resize = () => instance.resize();
  window.addEventListener("resize", resize);
  onCleanup(() => {
    window.removeEventListener("resize", resize);
    instance.dispose();
  });
  return instance;
}

/**
 * Call `pick(index)` with the category under a click anywhere in a column of a category-axis chart, not only on
 * a bar's few pixels: a period with one event is as easy to choose as one with fifty.
 */
export function onColumnClick(instance, pick) {
  instance.getZr().on("click", (event) => {
    const point = [event.offsetX, event.offsetY];
    const grids = instance.getOption().grid.length;
    for (let gridIndex = 0; gridIndex < grids; gridIndex++) {
      if (!instance.containPixel({ gridIndex }, point)) continue;
      const [index] = instance.convertFromPixel({ gridIndex }, point);
      if (Number.isInteger(index) && index >= 0) pick(index);
      return;
    }
  });
}

export const AXIS = {
  axisLine: { lineStyle: { color: "#c9ced6" } },
  axisLabel: { color: "#59606b" },
  splitLine: { lineStyle: { color: "#eef0f3" } },
};

/** Events per period as bars stacked by QuadClass, in the QuadClass colours. */
export function quadClassBars(points) {
  return Object.entries(QUAD_CLASSES).map(([number, quad]) => ({
    name: quad.name,
    type: "bar",
    stack: "events",
    barMaxWidth: 28,
    data: points.map((point) => point.quad_classes?.[number] ?? 0),
    itemStyle: { color: quad.colour },
    emphasis: { focus: "series" },
  }));
}

/** Mean Goldstein per period on a second axis (−10 … +10); periods without events leave a gap. */
export function goldsteinLine(points) {
  return {
    name: "mean Goldstein",
    type: "line",
    yAxisIndex: 1,
    connectNulls: false,
    symbolSize: 6,
    data: points.map((point) => (point.events ? point.goldstein : null)),
    lineStyle: { color: "#2b2f36", width: 1.5 },
    itemStyle: { color: "#2b2f36" },
  };
}

/** The two y axes (counts, Goldstein) and a zoom under the time axis, shared by the timeline and dyad charts. */
export function timeAxes(periods) {
  return {
    grid: { left: 48, right: 48, top: 40, bottom: 72 },
    legend: { top: 0, type: "scroll" },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "category", data: periods, ...AXIS },
    yAxis: [
      { type: "value", name: "events", minInterval: 1, ...AXIS },
      { type: "value", name: "Goldstein", min: -10, max: 10, interval: 5, ...AXIS, splitLine: { show: false } },
    ],
    dataZoom: [{ type: "inside" }, { type: "slider", height: 22, bottom: 12 }],
  };
}
