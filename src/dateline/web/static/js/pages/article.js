// The reader: an article's text with what dateline found in it marked at its character offsets — names (links to
// their pages), quotes with their speaker, times, places and event triggers. Clicking a fact shows its record;
// ?start=&end= (every provenance link) highlights that stretch and scrolls to it; ?fact= opens its record.

import { get } from "../api.js";
import { ENTITY_KINDS, QUAD_CLASSES } from "../codes.js";
import { actorLabel, entityLink, evidenceText, quadBadge } from "../facts.js";
import { formatDate, formatGoldstein, h, link, route, section, state } from "../dom.js";
import { codePointSlicer } from "../offsets.js";
import { replaceQuery } from "../router.js";

const LAYERS = [
  ["entity", "Names"],
  ["quote", "Quotes"],
  ["time", "Times"],
  ["place", "Places"],
  ["event", "Events"],
];

export async function render({ view, params, query, signal }) {
  const { article, annotations } = await get(`articles/${encodeURIComponent(params.id)}`, {}, signal);
  document.title = `${article.title || "Article"} · dateline`;
  const facts = collectFacts(annotations);
  const entities = new Map(annotations.entities.map((entity) => [entity.id, entity]));
  const record = h("div", { class: "record", "aria-live": "polite" }, state("Click a marked word to see what dateline read there."));
  const text = h("div", { class: "article-text" });
  const reader = { article, annotations, entities, facts, text, record, byId: new Map(facts.map((f) => [f.id, f])) };

  const start = Number.parseInt(query.start, 10);
  const end = Number.parseInt(query.end, 10);
  const asked = Number.isInteger(start) && Number.isInteger(end) ? [start, end] : [];
  renderText(reader, [...edges(annotations), ...asked]);
  view.append(
    h("article", { class: "reader" },
      h("header", {},
        h("h1", {}, article.title || "(untitled)"),
        byline(article),
        annotations.notes?.length ? h("p", { class: "note" }, annotations.notes.join(" ")) : null,
        layerToggles(text)),
      h("div", { class: "columns reader-columns" },
        text,
        h("aside", { class: "side" },
          h("section", { class: "panel sticky" }, h("h2", {}, "Record"), record),
          summaryCard(reader),
          quotesPanel(reader),
          eventsPanel(reader),
          entitiesPanel(reader),
          timesPanel(reader)))),
  );

  if (asked.length) focusRange(reader, start, end, "focus");
  if (query.entity) focusEntity(reader, query.entity);
  if (query.fact && reader.byId.has(query.fact)) showRecord(reader, reader.byId.get(query.fact), { scroll: false });
}

function byline(article) {
  const parts = [
    article.outlet,
    article.authors?.length ? article.authors.join(", ") : null,
    article.published ? formatDate(article.published) : null,
  ].filter(Boolean);
  return h("p", { class: "meta" },
    parts.join(" · "),
    // Only a web address becomes a link: a stored "javascript:" url would run in this page when clicked.
    /^https?:\/\//i.test(article.url ?? "")
      ? [" · ", h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "original")]
      : null,
    article.story_id ? [" · ", link("/", { story: article.story_id }, "other copies of this story")] : null);
}

/** Every marked stretch as {id, layer, start, end, record}: quotes by their quoted parts, events by their trigger. */
function collectFacts(annotations) {
  const facts = [];
  annotations.mentions.forEach((mention, i) => {
    facts.push({ id: `mention-${i}`, layer: "entity", start: mention.start, end: mention.end, record: mention });
  });
  for (const quote of annotations.quotes) {
    const parts = quote.parts?.length ? quote.parts : [{ start: quote.start, end: quote.end }];
    parts.forEach((part, i) => {
      facts.push({ id: quote.id, layer: "quote", start: part.start, end: part.end, record: quote, first: i === 0 });
    });
  }
  for (const time of annotations.times) facts.push({ id: time.id, layer: "time", start: time.start, end: time.end, record: time });
  for (const place of annotations.places) facts.push({ id: place.id, layer: "place", start: place.start, end: place.end, record: place });
  for (const event of annotations.events) {
    const { trigger_start: start, trigger_end: end } = event.evidence;
    facts.push({ id: event.id, layer: "event", start, end, record: event });
  }
  return facts.filter((fact) => fact.end > fact.start);
}

/** Where the stretches a link can point at begin and end (event sentences, whole quotes): the text is cut there
 * too, so highlighting one marks exactly its characters. */
function edges(annotations) {
  return [
    ...annotations.events.flatMap((event) => [event.evidence.start, event.evidence.end]),
    ...annotations.quotes.flatMap((quote) => [quote.start, quote.end]),
    ...(annotations.layout ?? []).flatMap((region) => [region.start, region.end]),
  ];
}

/** The region (caption, byline, dateline, heading, boilerplate) that holds [from, to), if the text there is not body. */
function regionAt(reader, from, to) {
  return (reader.annotations.layout ?? []).find((region) => region.start <= from && region.end >= to);
}

/**
 * The text cut at every fact's edges into pieces, each piece marked with the facts that cover it. Facts overlap
 * (a name inside a quote inside an event's sentence), so pieces carry classes rather than nesting elements.
 */
function renderText(reader, extraCuts) {
  const { article, facts, text } = reader;
  const paragraphs = article.paragraphs?.length ? article.paragraphs : [{ start: 0, end: [...article.text].length }];
  const quoteStarts = new Map(facts.filter((f) => f.layer === "quote" && f.first).map((f) => [f.start, f]));
  const slice = codePointSlicer(article.text);
  reader.pieces = [];
  for (const paragraph of paragraphs) {
    const inside = facts.filter((f) => f.start < paragraph.end && f.end > paragraph.start);
    const cuts = new Set([paragraph.start, paragraph.end]);
    for (const cut of extraCuts) if (cut > paragraph.start && cut < paragraph.end) cuts.add(cut);
    for (const fact of inside) {
      cuts.add(Math.max(fact.start, paragraph.start));
      cuts.add(Math.min(fact.end, paragraph.end));
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    // a paragraph that is not body (a caption, a byline, ...) is shown dimmed under its role; it is never read for
    // quotes or events
    const whole = regionAt(reader, bounds[0], bounds[bounds.length - 1]);
    const block = h("p", { dataset: { start: paragraph.start, role: whole?.role }, class: whole ? "not-body" : null });
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [from, to] = [bounds[i], bounds[i + 1]];
      const covering = inside.filter((f) => f.start <= from && f.end >= to);
      const node = piece(reader, slice(from, to), from, to, covering);
      const region = whole ? null : regionAt(reader, from, to);
      if (region) Object.assign(node.dataset, { role: region.role }), node.classList.add("not-body");
      const opening = quoteStarts.get(from);
      if (opening) speakerTag(node, opening.record);
      block.append(node);
    }
    text.append(block);
  }
}

/** The speaker's name before a quote's first words: drawn by CSS from data-speaker, so it is seen but is not part
 * of the text (copying the article copies its own words, and offsets stay the text's). */
function speakerTag(node, quote) {
  const who = quote.speaker;
  node.dataset.speaker = who?.name ?? who?.text ?? "unattributed";
  node.classList.add("quote-start");
}

function piece(reader, words, from, to, covering) {
  if (!covering.length) {
    const plain = h("span", {}, words);
    reader.pieces.push({ node: plain, from, to, covering });
    return plain;
  }
  const mention = covering.find((f) => f.layer === "entity");
  const entityId = mention?.record.entity_id;
  const classes = ["mark", ...new Set(covering.map((f) => `l-${f.layer}`))];
  if (mention) classes.push(`k-${mention.record.kind}`);
  const event = covering.find((f) => f.layer === "event");
  if (event) classes.push(`quad-${event.record.quad_class}`);
  if (covering.some((f) => f.layer === "quote" && isSpeaker(f.record, from, to))) classes.push("speaker");
  const quote = covering.find((f) => f.layer === "quote");
  const attrs = {
    class: classes.join(" "),
    title: mention && entityId && reader.entities.get(entityId) ? entityTitle(mention.record, reader.entities.get(entityId)) : null,
    dataset: { quote: quote?.id, entity: entityId, event: event?.id, time: covering.find((f) => f.layer === "time")?.id },
  };
  // A name opens its page; everything else opens its record in the side panel.
  const node = entityId
    ? h("a", { ...attrs, href: route(`/entity/${encodeURIComponent(entityId)}`) }, words)
    : h("span", { ...attrs, tabindex: 0, role: "button" }, words);
  if (!entityId) {
    const open = () => showRecord(reader, innermost(covering), { scroll: false });
    node.addEventListener("click", open);
    node.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), open()));
  }
  reader.pieces.push({ node, from, to, covering });
  return node;
}

function isSpeaker(quote, from, to) {
  return quote.speaker && quote.speaker.start <= from && quote.speaker.end >= to;
}

function entityTitle(mention, entity) {
  const resolved = mention.text === entity.name ? entity.name : `${mention.text} → ${entity.name}`;
  return `${resolved} (${entity.kind}${entity.country ? `, ${entity.country}` : ""})`;
}

/** The fact a click most plausibly meant: the shortest one under the pointer. */
function innermost(covering) {
  return covering.reduce((best, f) => (f.end - f.start < best.end - best.start ? f : best));
}

function layerToggles(text) {
  return h("div", { class: "layers", role: "group", "aria-label": "Show" },
    LAYERS.map(([layer, label]) => {
      const box = h("input", { type: "checkbox", checked: true, name: layer });
      box.addEventListener("change", () => text.classList.toggle(`hide-${layer}`, !box.checked));
      return h("label", { class: `layer-key l-${layer}` }, box, h("span", { class: "swatch" }), label);
    }),
    h("span", { class: "legend" }, Object.entries(QUAD_CLASSES).map(([n, q]) => quadBadge(Number(n), q.short))));
}

function clearMarks(reader, cls) {
  for (const { node } of reader.pieces) node.classList.remove(cls);
}

/** Highlight [start, end) (a sentence, a quote) and bring it into view. */
function focusRange(reader, start, end, cls, scroll = true) {
  clearMarks(reader, cls);
  const hit = reader.pieces.filter(({ from, to }) => from < end && to > start);
  for (const { node } of hit) node.classList.add(cls);
  if (scroll) hit[0]?.node.scrollIntoView({ block: "center" });
}

function focusEntity(reader, entityId) {
  const hit = reader.pieces.filter(({ covering }) => covering.some((f) => f.layer === "entity" && f.record.entity_id === entityId));
  for (const { node } of hit) node.classList.add("focus");
  hit[0]?.node.scrollIntoView({ block: "center" });
}

/** Show one fact's record in the side panel and mark its words as selected (the link to it goes in the URL). */
function showRecord(reader, fact, { scroll = true } = {}) {
  const { record } = fact;
  const spanStart = fact.layer === "quote" ? record.start : fact.layer === "event" ? record.evidence.start : fact.start;
  const spanEnd = fact.layer === "quote" ? record.end : fact.layer === "event" ? record.evidence.end : fact.end;
  focusRange(reader, spanStart, spanEnd, "selected", scroll);
  replaceQuery({ start: spanStart, end: spanEnd, fact: fact.id });
  reader.record.replaceChildren(...RECORDS[fact.layer](record, reader), h("p", { class: "offsets" }, `characters ${spanStart}–${spanEnd}`));
}

function rows(pairs) {
  return h("dl", { class: "kv" }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => [h("dt", {}, key), h("dd", {}, value)]));
}

const RECORDS = {
  entity: (mention, reader) => {
    const entity = reader.entities.get(mention.entity_id);
    return [h("h3", {}, "Name"), rows([["text", mention.text], ["kind", mention.kind], ["entity", entity ? entityLink(entity.id, entity.name) : null], ["role", mention.role]])];
  },
  quote: (quote, reader) => {
    const said = reader.annotations.events.filter((event) => event.quote_id === quote.id);
    return [
      h("h3", {}, "Quote"),
      h("blockquote", {}, quote.text),
      rows([
        ["speaker", quote.speaker ? entityLink(quote.speaker.entity_id, quote.speaker.name ?? quote.speaker.text) : "unattributed"],
        ["as written", quote.speaker && quote.speaker.text !== quote.speaker.name ? quote.speaker.text : null],
        ["cue", quote.cue ? `${quote.cue.text} (${quote.cue.kind})` : null],
        ["kind", quote.kind],
        ["coded as", said.length ? said.map((event) => `${event.code} ${event.plover}`).join(", ") : null],
      ]),
    ];
  },
  time: (time) => [h("h3", {}, "Time"), rows([["text", time.text], ["value", time.value], ["type", time.type], ["granularity", time.granularity]])],
  place: (place) => [
    h("h3", {}, "Place"),
    rows([
      ["text", place.text],
      ["name", place.name],
      ["country", place.country],
      ["coordinates", place.lat !== null && place.lat !== undefined ? `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}` : null],
      ["gazetteer", place.gazetteer_id],
    ]),
  ],
  event: (event) => [
    h("h3", {}, "Event"),
    h("p", { class: "evidence" }, evidenceText(event.evidence)),
    rows([
      ["source", actorLabel(event.source)],
      ["event", [quadBadge(event.quad_class, `${event.code} ${event.plover || ""}`), " ", QUAD_CLASSES[event.quad_class]?.name ?? ""]],
      ["target", actorLabel(event.target)],
      ["Goldstein", formatGoldstein(event.goldstein)],
      ["date", `${event.date} (${event.date_precision}${event.date_source === "published" ? ", from the publication day" : ", from the text"})`],
      ["place", event.place ? `${event.place.name}${event.place.country ? ` (${event.place.country})` : ""}` : null],
      ["mode", event.mode !== "asserted" ? event.mode : null],
      ["confidence", event.confidence.toFixed(2)],
      ["reported by", event.num_articles > 1 ? `${event.num_articles} stories, ${event.num_sources} outlets` : null],
    ]),
  ],
};

function factButton(reader, fact, ...children) {
  if (!fact) return h("span", {}, ...children); // a fact with no characters to mark has no record to open
  return h("button", { type: "button", class: "fact-link", onclick: () => showRecord(reader, fact) }, ...children);
}

function firstFact(reader, layer, id) {
  return reader.facts.find((f) => f.layer === layer && f.id === id);
}

function summaryCard(reader) {
  const card = reader.annotations.summary;
  if (!card) return null;
  const slots = ["who", "what", "when", "where", "why", "how"].filter((slot) => card[slot]);
  if (!slots.length) return null;
  return section("In brief", "5W1H", h("dl", { class: "kv card" }, slots.map((slot) => {
    const phrase = card[slot];
    const body = phrase.start === null || phrase.start === undefined
      ? h("span", { title: "from the title" }, phrase.text)
      : h("button", { type: "button", class: "fact-link", onclick: () => focusRange(reader, phrase.start, phrase.end, "selected") }, phrase.text);
    return [h("dt", {}, slot), h("dd", {}, body)];
  })));
}

function quotesPanel(reader) {
  const { quotes } = reader.annotations;
  if (!quotes.length) return null;
  return section("Quotes", String(quotes.length), h("ul", { class: "facts compact" }, quotes.map((quote) =>
    h("li", { class: "fact quote" },
      h("div", { class: "fact-meta" }, quote.speaker ? entityLink(quote.speaker.entity_id, quote.speaker.name ?? quote.speaker.text) : "unattributed",
        quote.cue ? h("span", { class: "cue" }, quote.cue.text) : null),
      factButton(reader, firstFact(reader, "quote", quote.id), h("span", { class: "quote-text" }, quote.text))))));
}

function eventsPanel(reader) {
  const { events } = reader.annotations;
  if (!events.length) return null;
  return section("Events", String(events.length), h("ul", { class: "facts compact" }, events.map((event) =>
    h("li", { class: `fact event quad-${event.quad_class}` },
      h("div", { class: "fact-head" }, actorLabel(event.source), quadBadge(event.quad_class, `${event.code} ${event.plover || ""}`), actorLabel(event.target)),
      factButton(reader, firstFact(reader, "event", event.id), h("span", { class: "evidence" }, evidenceText(event.evidence)))))));
}

function entitiesPanel(reader) {
  const { entities, mentions } = reader.annotations;
  if (!entities.length) return null;
  const counts = new Map();
  for (const mention of mentions) if (mention.entity_id) counts.set(mention.entity_id, (counts.get(mention.entity_id) ?? 0) + 1);
  const groups = Object.entries(ENTITY_KINDS).map(([kind, label]) => [label, entities.filter((e) => e.kind === kind)]).filter(([, list]) => list.length);
  return section("Names", String(entities.length), groups.map(([label, list]) => [
    h("h3", {}, label),
    h("ul", { class: "names" }, list.sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0)).map((entity) =>
      h("li", {},
        entityLink(entity.id, entity.name),
        entity.country ? h("span", { class: "code" }, entity.country) : null,
        h("button", {
          type: "button",
          class: "count",
          title: "Mark its mentions in the text",
          onclick: () => {
            clearMarks(reader, "focus");
            focusEntity(reader, entity.id);
          },
        }, String(counts.get(entity.id) ?? 0))))),
  ]));
}

function timesPanel(reader) {
  const { times } = reader.annotations;
  if (!times.length) return null;
  return section("Times", String(times.length), h("ul", { class: "names" }, times.map((time) =>
    h("li", {}, factButton(reader, firstFact(reader, "time", time.id), time.text), h("span", { class: "code" }, time.value)))));
}
