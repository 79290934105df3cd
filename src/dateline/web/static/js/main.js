// dateline's web app: one page per route, each a module that renders into the view from the REST API.

import { get } from "./api.js";
import { countOf } from "./dom.js";
import * as article from "./pages/article.js";
import * as dyad from "./pages/dyad.js";
import * as entities from "./pages/entities.js";
import * as entity from "./pages/entity.js";
import * as events from "./pages/events.js";
import * as network from "./pages/network.js";
import * as quotes from "./pages/quotes.js";
import * as search from "./pages/search.js";
import * as timeline from "./pages/timeline.js";
import { page, start } from "./router.js";

page("/", "search", search.render);
page("/article/:id", null, article.render);
page("/timeline", "timeline", timeline.render);
page("/entities", "entities", entities.render);
page("/entity/:id", "entities", entity.render);
page("/dyad", "dyad", dyad.render);
page("/network", "network", network.render);
page("/quotes", "quotes", quotes.render);
page("/events", "events", events.render);

start(document.getElementById("view"));

get("stats")
  .then((stats) => {
    document.getElementById("corpus-size").textContent = countOf(stats.articles, "article");
  })
  .catch(() => {});
