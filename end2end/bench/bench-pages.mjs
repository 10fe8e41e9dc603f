// Throttled first visits of pages: each page is loaded RUNS times, each in a fresh browser context
// with the cache disabled, 1.6 Mbps down / 750 kbps up, 150 ms RTT and a 4x CPU slowdown. Per load
// it records the bytes transferred (all requests, and the .wasm + .js ones), first contentful
// paint and the time from navigation start until <body> carries `data-hydrated`. Prints the
// medians per page and writes them as JSON.
//
// usage: node bench-pages.mjs BASE_URL OUT.json NAME=PATH...
import { existsSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const RUNS = Number(process.env.RUNS ?? 3);
const HYDRATION_TIMEOUT_MS = 180_000;
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const network = {
  offline: false,
  latency: 150,
  downloadThroughput: 200_000,
  uploadThroughput: 750_000 / 8,
};

const [base, out, ...specs] = process.argv.slice(2);
if (!base || !out || specs.length === 0) {
  console.error("usage: node bench-pages.mjs BASE_URL OUT.json NAME=PATH...");
  process.exit(2);
}
const pages = specs.map((spec) => {
  const at = spec.indexOf("=");
  return { name: spec.slice(0, at), path: spec.slice(at + 1) };
});

// Records performance.now() when the app marks <body> as hydrated.
function watchHydration() {
  const mark = () => {
    if (window.__hydratedAt === undefined && document.body?.hasAttribute("data-hydrated")) {
      window.__hydratedAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-hydrated"],
  });
}

async function load(browser, url) {
  // The pages need a credential; the server was started with this API key.
  const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${process.env.LLMOPS_API_KEY ?? ""}` } });
  const page = await context.newPage();
  await page.addInitScript(watchHydration);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", network);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  const urls = new Map();
  let bytes = 0;
  let wasmJsBytes = 0;
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    const path = new URL(urls.get(e.requestId) ?? "about:blank").pathname;
    if (path.endsWith(".wasm") || path.endsWith(".js")) wasmJsBytes += e.encodedDataLength;
  });

  await page.goto(url, { waitUntil: "load", timeout: HYDRATION_TIMEOUT_MS });
  await page.waitForFunction(() => window.__hydratedAt !== undefined, null, {
    timeout: HYDRATION_TIMEOUT_MS,
  });
  await page.waitForLoadState("networkidle");
  const timings = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    hydrated: window.__hydratedAt,
  }));
  await context.close();
  return { bytes, wasmJsBytes, fcp: timings.fcp, hydrated: timings.hydrated };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (b) => `${Math.round(b / 1024)} KB`;
const ms = (t) => `${Math.round(t)} ms`;

if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
  process.exit(1);
}
let browser;
try {
  browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
} catch (error) {
  console.error(`could not launch Chromium at ${executablePath}:\n${error.message}`);
  process.exit(1);
}

const results = [];
try {
  for (const { name, path } of pages) {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await load(browser, new URL(path, base).href));
    const result = {
      name,
      path,
      bytes: median(loads.map((l) => l.bytes)),
      wasm_js_bytes: median(loads.map((l) => l.wasmJsBytes)),
      fcp_ms: median(loads.map((l) => l.fcp)),
      hydrated_ms: median(loads.map((l) => l.hydrated)),
    };
    results.push(result);
    console.log(
      `${name} (${path}): transferred ${kb(result.bytes)} (wasm + JS ${kb(result.wasm_js_bytes)}), ` +
        `FCP ${ms(result.fcp_ms)}, hydrated ${ms(result.hydrated_ms)} ` +
        `[hydrated per load: ${loads.map((l) => ms(l.hydrated)).join(", ")}]`,
    );
  }
} finally {
  await browser.close();
}
writeFileSync(out, JSON.stringify(results, null, 2));
