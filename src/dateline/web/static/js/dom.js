// Building the page. Every piece of data reaches the DOM as text (textContent, text nodes, attribute values),
// never as markup, so an article that contains "<script>" is shown, not run.

/** An element: h("a", {href: "#/x", class: "link"}, "text", child, [more children]). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "dataset") {
      for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) node.dataset[key] = item;
    }
    else if (name === "style") Object.assign(node.style, value); // CSSOM, which a strict CSP still allows
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Children may be nodes, strings, numbers, nested lists, or null/false (skipped). */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A line of text saying why there is nothing to show, or what went wrong. */
export function state(message, kind = "empty") {
  return h("p", { class: `state ${kind}`, role: kind === "error" ? "alert" : null }, message);
}

export function loading() {
  return state("Loading…", "loading");
}

/** A section with a heading, and optional small text beside the heading. */
export function section(title, aside, ...children) {
  return h("section", { class: "panel" }, h("h2", {}, title, aside ? h("small", {}, aside) : null), ...children);
}

/**
 * The server's search snippets mark matches with <mark>…</mark> and escape everything else. They are rebuilt here
 * as text nodes and <mark> elements, so nothing in a snippet is ever parsed as HTML.
 */
export function snippet(marked) {
  const node = h("p", { class: "snippet" });
  let inMark = false;
  for (const piece of String(marked ?? "").split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") inMark = true;
    else if (piece === "</mark>") inMark = false;
    else if (piece) node.append(inMark ? h("mark", {}, unescapeHtml(piece)) : document.createTextNode(unescapeHtml(piece)));
  }
  return node;
}

const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeHtml(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code) => {
    if (code[0] === "#") {
      const point = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) ? String.fromCodePoint(point) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** "2022-02-21T16:24:00Z" -> "21 Feb 2022, 16:24 UTC"; "2022-02-21" -> "21 Feb 2022"; other forms as given. */
export function formatDate(value) {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day, hour, minute] = match;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const text = `${Number(day)} ${months[Number(month) - 1]} ${year}`;
  return hour ? `${text}, ${hour}:${minute} UTC` : text;
}

export function formatNumber(value) {
  return Number(value ?? 0).toLocaleString("en");
}

/** "article" for one, "articles" for any other count. */
export function plural(n, noun) {
  return n === 1 ? noun : `${noun}s`;
}

/** "1 article", "2,310 articles". */
export function countOf(n, noun) {
  return `${formatNumber(n)} ${plural(n, noun)}`;
}

/** Goldstein scores with their sign: "+4.0", "−7.0", "0.0". */
export function formatGoldstein(value) {
  if (value === null || value === undefined) return "–";
  const number = Number(value);
  const text = Math.abs(number).toFixed(1);
  return number > 0 ? `+${text}` : number < 0 ? `−${text}` : text;
}

/** A link inside the app: href("#/entity/" + id, {since: "2022-01-01"}) drops empty values. */
export function route(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `#${path}?${text}` : `#${path}`;
}

export function link(path, query, ...children) {
  return h("a", { href: route(path, query) }, ...children);
}
