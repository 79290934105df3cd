// Copies the browser builds dateline's web app imports into the Python package, so `dateline serve` works
// offline. vendor/ is a build output: gitignored, remade by `make vendor` (this script) when missing.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "src", "dateline", "web", "static", "vendor");
const files = {
  // ECharts' ES-module build: the timeline, dyad and activity charts and the force-directed network.
  "echarts/dist/echarts.esm.min.js": "echarts.esm.min.js",
  "echarts/LICENSE": "echarts.LICENSE.txt",
  "echarts/NOTICE": "echarts.NOTICE.txt",
  // Swagger UI, for the API's own docs at /docs (FastAPI would fetch it from a CDN).
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
  "swagger-ui-dist/LICENSE": "swagger-ui.LICENSE.txt",
};

mkdirSync(vendor, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(here, "node_modules", from), join(vendor, to));
}
console.log(`vendor: ${Object.keys(files).length} files in ${vendor}`);
