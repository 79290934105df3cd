// A small hash router: "#/article/ID?start=10&end=80" -> the article page with {id} and the query.
// Hash routes keep every page a plain link the server never sees, so it needs no page routes.

import { ApiError, isAbort } from "./api.js";
import { h, route, state } from "./dom.js";

const routes = [];
let current = null; // {controller, cleanups} of the page on screen

/** Register a page: pattern like "/article/:id"; render({view, params, query, signal, onCleanup}). */
export function page(pattern, nav, render) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, nav, render });
}

export function start(view) {
  window.addEventListener("hashchange", () => show(view));
  show(view);
}

/** Change the query of the page on screen without reloading it (a chart point chosen, say). */
export function replaceQuery(query) {
  const [path] = parseHash();
  history.replaceState(null, "", route(path, query));
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "");
  const at = raw.indexOf("?");
  const path = at < 0 ? raw : raw.slice(0, at);
  const query = Object.fromEntries(new URLSearchParams(at < 0 ? "" : raw.slice(at + 1)));
  return [path || "/", query];
}

async function show(view) {
  if (current) {
    current.controller.abort();
    for (const cleanup of current.cleanups) cleanup();
  }
  const [path, query] = parseHash();
  const controller = new AbortController();
  const cleanups = [];
  current = { controller, cleanups };
  const root = h("div", { class: "page" });
  view.replaceChildren(root);
  document.title = "dateline";
  window.scrollTo(0, 0);

  const match = routes.map((r) => ({ r, m: r.regex.exec(path) })).find(({ m }) => m);
  for (const link of document.querySelectorAll("[data-nav]")) {
    link.classList.toggle("active", Boolean(match && link.dataset.nav === match.r.nav));
  }
  if (!match) {
    root.append(state(`There is no page at "${path}". Try the links above.`, "error"));
    return;
  }
  const params = Object.fromEntries(match.r.names.map((name, i) => [name, decodeURIComponent(match.m[i + 1])]));
  try {
    await match.r.render({ view: root, params, query, signal: controller.signal, onCleanup: (f) => cleanups.push(f) });
  } catch (error) {
    if (isAbort(error) || controller.signal.aborted) return;
    root.append(state(error.message || String(error), "error"));
    if (!(error instanceof ApiError)) console.error(error); // a bug, not a bad filter: keep its stack for a developer
  }
}
