// The quote explorer: who said what about a topic, grouped by speaker (the most quoted first), each quote linked
// to where it stands in its article.

import { get } from "../api.js";
import { entityLink, quoteItem } from "../facts.js";
import { CONFIDENCE_FIELD, filterForm } from "../form.js";
import { countOf, h, link, state } from "../dom.js";

const CUES = [["", "any"], "speech", "belief", "evidence", "intent", "stance", "evaluation", "source"];
const LOADED = 500; // the API's largest page: enough to group a topic; narrower filters see further back
const SHOWN = 4; // quotes shown per speaker before "all N"

export async function render({ view, query, signal }) {
  const { about = "", speaker = "", cue = "", since = "", until = "", entity_id = "", min_confidence = "" } = query;
  view.append(
    h("h1", {}, "Quotes"),
    filterForm("/quotes", query, [
      { name: "about", label: "About", placeholder: "sanctions, NATO", size: 24 },
      { name: "speaker", label: "Speaker", placeholder: "anyone", size: 16 },
      { name: "cue", label: "Reporting", type: "select", options: CUES },
      { name: "since", label: "From", type: "date" },
      { name: "until", label: "To", type: "date" },
      CONFIDENCE_FIELD,
    ], { keep: { entity_id } }),
  );
  const page = await get("quotes", { about, speaker, cue, since, until, entity_id, min_confidence, limit: LOADED }, signal);
  if (!page.items.length) {
    view.append(state(about ? `Nobody was quoted about “${about}” with these filters.` : "No quotes for these filters."));
    return;
  }
  const groups = new Map();
  for (const quote of page.items) {
    const who = quote.speaker;
    const key = who?.entity_id ?? who?.name ?? who?.text ?? "";
    if (!groups.has(key)) groups.set(key, { speaker: who, quotes: [] });
    groups.get(key).quotes.push(quote);
  }
  const ranked = [...groups.values()].sort((x, y) => y.quotes.length - x.quotes.length);
  view.append(
    h("p", { class: "lede" },
      `${countOf(page.items.length, "quote")} from ${countOf(ranked.length, "speaker")}`,
      page.next_offset !== null && page.next_offset !== undefined ? ` (the latest ${LOADED}; narrow the filters to see further back)` : ""),
    h("div", { class: "speaker-groups" }, ranked.map((group) => speakerGroup(group, query))),
  );
}

function speakerGroup({ speaker, quotes }, query) {
  const name = speaker?.name ?? speaker?.text ?? "Unattributed";
  const list = h("ul", { class: "facts" }, quotes.slice(0, SHOWN).map((quote) => quoteItem(quote, { speaker: false })));
  const rest = quotes.slice(SHOWN);
  const more = rest.length
    ? h("button", {
      type: "button",
      class: "more",
      onclick: (event) => {
        list.append(...rest.map((quote) => quoteItem(quote, { speaker: false })));
        event.currentTarget.remove();
      },
    }, `All ${quotes.length}`)
    : null;
  return h("section", { class: "panel speaker-group" },
    h("h2", {},
      entityLink(speaker?.entity_id, name),
      h("small", {}, speaker?.entity_id
        ? link("/quotes", { ...query, entity_id: speaker.entity_id, speaker: "" }, countOf(quotes.length, "quote"))
        : countOf(quotes.length, "quote"))),
    list, more);
}
