// How one fact looks wherever it is listed: an event, a quote, a link down to the sentence it came from, and
// paged lists of them. Every fact links to the reader at its offsets; that link is dateline's provenance.

import { get, isAbort } from "./api.js";
import { QUAD_CLASSES } from "./codes.js";
import { formatDate, formatGoldstein, h, link, route, state } from "./dom.js";
import { codePointSlicer } from "./offsets.js";

/** The reader, opened at [start, end) with that stretch highlighted. */
export function readerHref(articleId, start, end, extra = {}) {
  return route(`/article/${encodeURIComponent(articleId)}`, { start, end, ...extra });
}

/** A name that links to its actor's page when it was resolved to one, plain text when not. */
export function entityLink(entityId, name) {
  return entityId ? link(`/entity/${encodeURIComponent(entityId)}`, {}, name ?? "unnamed") : (name ?? "unnamed");
}

export function actorLabel(actor) {
  if (!actor) return h("span", { class: "actor unknown" }, "—");
  const name = actor.name ?? actor.code ?? "unnamed";
  const label = [actor.code ? h("span", { class: "code" }, actor.code) : null, " ", name];
  return actor.entity_id
    ? h("a", { class: "actor", href: route(`/entity/${encodeURIComponent(actor.entity_id)}`) }, label)
    : h("span", { class: "actor" }, label);
}

export function quadBadge(quadClass, text) {
  const quad = QUAD_CLASSES[quadClass];
  return h("span", { class: `badge quad quad-${quadClass}`, title: quad ? quad.name : null }, text);
}

/** The evidence sentence with its trigger words in bold. */
export function evidenceText(evidence) {
  const { text, start, trigger_start: from, trigger_end: to } = evidence;
  const slice = codePointSlicer(text);
  if (from < start || to < from) return h("span", {}, text);
  return h("span", {}, slice(0, from - start), h("strong", {}, slice(from - start, to - start)), slice(to - start, Infinity));
}

/**
 * One event: who did what to whom, linked to its sentence. A first report that stands for a group (the same event
 * told by several articles, as the charts count it) offers the group's other reports, each linked to its sentence.
 */
export function eventItem(event) {
  const reports = event.num_articles > 1 ? `${event.num_articles} stories` : null;
  const item = h(
    "li",
    { class: `fact event quad-${event.quad_class}`, dataset: { eventId: event.id } },
    h(
      "div",
      { class: "fact-head" },
      event.date_source === "published"
        ? h("span", { class: "when", title: "The sentence gives no date: this is the day the article was published" }, formatDate(event.date), "*")
        : h("span", { class: "when", title: "The date the sentence gives" }, formatDate(event.date)),
      actorLabel(event.source),
      quadBadge(event.quad_class, `${event.code} ${event.plover || ""}`.trim()),
      actorLabel(event.target),
      h("span", { class: "goldstein", title: "Goldstein score, −10 conflict … +10 cooperation" },
        formatGoldstein(event.goldstein)),
      event.mode !== "asserted" ? h("span", { class: "badge muted", title: MODES[event.mode] ?? "" }, event.mode) : null,
      sureness(event.confidence, "events"),
      reports ? h("span", { class: "badge muted" }, reports) : null,
    ),
    h(
      "a",
      { class: "evidence", href: readerHref(event.article_id, event.evidence.start, event.evidence.end, { fact: event.id }) },
      evidenceText(event.evidence),
    ),
  );
  if (event.num_mentions > 1 && event.id === event.group_id) item.append(groupReports(event));
  return item;
}

function groupReports(event) {
  const others = event.num_mentions - 1;
  const toggle = h("button", { type: "button", class: "reports-toggle", "aria-expanded": "false" },
    `${others} other ${others === 1 ? "report" : "reports"} of this event`);
  const box = h("div", { class: "reports" }, toggle);
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    box.querySelector(".paged")?.remove();
    if (open) {
      box.append(pagedList({
        path: "events",
        query: { group: event.group_id },
        render: (report) => (report.id === event.id ? "" : reportItem(report)),
        empty: "No other reports.",
        limit: 10,
      }));
    }
  });
  return box;
}

function reportItem(report) {
  return h("li", { class: "fact report" },
    h("span", { class: "when" }, formatDate(report.date)), " ",
    h("a", { class: "evidence", href: readerHref(report.article_id, report.evidence.start, report.evidence.end, { fact: report.id }) },
      evidenceText(report.evidence)));
}

export function quoteItem(quote, { speaker = true } = {}) {
  const who = quote.speaker;
  return h(
    "li",
    { class: "fact quote", dataset: { quoteId: quote.id } },
    h(
      "a",
      { class: "quote-text", href: readerHref(quote.article_id, quote.start, quote.end, { fact: quote.id }) },
      quote.text,
    ),
    h(
      "div",
      { class: "fact-meta" },
      speaker && who ? entityLink(who.entity_id, who.name ?? who.text) : null,
      quote.cue ? h("span", { class: "cue" }, quote.cue.text, quote.cue.kind !== "speech" ? ` (${quote.cue.kind})` : "") : null,
      h("span", { class: "badge muted" }, quote.kind),
      sureness(quote.confidence, "quotes"),
    ),
  );
}

const MODES = {
  planned: "What will be, not what was: a future act (will, is to, is set to)",
  hypothetical: "What may be: a possible or conditional act (may, could, if)",
};

/** A badge for a fact less sure than the default view shows (it is listed only when every fact is asked for). */
function sureness(confidence, what) {
  if (confidence === undefined || confidence >= 0.5) return null;
  return h("span", { class: "badge muted", title: `About ${Math.round(confidence * 100)}% of such ${what} were right when read by hand` }, "unsure");
}

/**
 * A list filled from a paged endpoint ({items, next_offset}), with a "More" button while there are more.
 * `render(item)` makes one <li>; `after(items)` sees every page (to chart or count what was loaded).
 */
export function pagedList({ path, query, render, empty, signal, limit = 20, className = "facts", after }) {
  const list = h("ul", { class: className });
  const box = h("div", { class: "paged" }, list);
  const more = h("button", { type: "button", class: "more" }, "More");
  let offset = 0;

  async function load() {
    more.disabled = true;
    more.textContent = "Loading…";
    try {
      const page = await get(path, { ...query, limit, offset }, signal);
      if (!page.items.length && offset === 0) box.replaceChildren(state(empty));
      list.append(...page.items.map(render));
      after?.(page.items);
      if (page.next_offset === null || page.next_offset === undefined) more.remove();
      else {
        offset = page.next_offset;
        more.disabled = false;
        more.textContent = "More";
        box.append(more);
      }
    } catch (error) {
      if (isAbort(error)) return;
      more.remove();
      box.append(state(error.message, "error"));
    }
  }
  more.addEventListener("click", load);
  load();
  return box;
}
