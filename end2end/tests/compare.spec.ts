import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

const variables = [
  { name: "input", type: "string" },
  { name: "keep", type: "string" },
];

/** Two completed runs of one dataset: the candidate prefixes "changed " to 3 of 8 answers. */
async function twoRuns(request: APIRequestContext) {
  const endpoint = await request.post("/api/v1/endpoints", { data: { name: "e2e-echo", kind: "echo" } });
  expect([201, 409]).toContain(endpoint.status());
  const dataset = await request.post("/api/v1/datasets", { data: { name: "e2e-compare", type: "regression" } });
  expect(dataset.status()).toBe(201);
  const { id } = await dataset.json();
  const samples = Array.from({ length: 8 }, (_, i) => ({
    input: `Question ${i}`,
    expected_output: `Question ${i}`,
    metadata: { keep: i < 5 ? "yes" : "no" },
  }));
  expect((await request.post(`/api/v1/datasets/${id}/samples`, { data: samples })).status()).toBe(201);
  const prompt = await request.post("/api/v1/prompts", {
    data: { name: "e2e-compare", template: "{{ input }}", variables },
  });
  expect(prompt.status()).toBe(201);
  const v2 = await request.post("/api/v1/prompts/e2e-compare/versions", {
    data: { template: "{% if keep == 'yes' %}{{ input }}{% else %}changed {{ input }}{% endif %}", variables },
  });
  expect(v2.status()).toBe(201);
  const runs: string[] = [];
  for (const version of ["1.0.0", "1.1.0"]) {
    const run = await request.post("/api/v1/runs", {
      data: {
        dataset: id, prompt_name: "e2e-compare", prompt_version: version, endpoint: "e2e-echo",
        metrics: [{ name: "exact_match", threshold: 1 }, "levenshtein"], start: true,
      },
    });
    expect(run.status()).toBe(201);
    const runId = (await run.json()).id as string;
    await expect
      .poll(async () => (await (await request.get(`/api/v1/runs/${runId}`)).json()).status, { timeout: 30_000 })
      .toBe("completed");
    runs.push(runId);
  }
  return { base: runs[0], candidate: runs[1] };
}

test("two runs picked in the runs list are compared, shared without JavaScript, and revoked", async ({ page, request, browser }) => {
  const { base, candidate } = await twoRuns(request);

  await open(page, "/evaluations?dataset=e2e-compare");
  await expect(page.locator("#compare-runs")).toBeDisabled();
  await page.locator(`tr[data-run-id="${base}"] input[name="base"]`).check();
  await page.locator(`tr[data-run-id="${base}"] input[name="candidate"]`).check();
  await expect(page.locator("#compare-hint")).toContainText("different runs");
  await expect(page.locator("#compare-runs")).toBeDisabled();
  await page.locator(`tr[data-run-id="${candidate}"] input[name="candidate"]`).check();
  await expect(page.locator("#compare-runs")).toBeEnabled();
  await page.click("#compare-runs");

  await expect(page).toHaveURL(
    (url) => url.pathname === "/evaluations/compare" && url.searchParams.get("base") === base && url.searchParams.get("candidate") === candidate,
  );
  await expect(page.locator("h1 [data-verdict]")).toBeVisible();
  await expect(page.locator("#comparison-figures")).toContainText("100.0% → 62.5%");
  await expect(page.locator('#metric-changes tr[data-metric="exact_match"]')).toContainText("-0.375");
  await expect(page.locator('figure[data-chart="transitions"] svg')).toBeVisible();
  await expect(page.locator('figure[data-chart="means-exact_match"] svg')).toBeVisible();
  await expect(page.locator('figure[data-chart="scatter-levenshtein"] svg')).toBeVisible();
  await expect(page.locator("#regressions article.change")).toHaveCount(3);
  await expect(page.locator("#regressions article.change").first().locator("mark.diff-ins")).toContainText("changed");
  await expect(page.locator("#comparison-notes")).toContainText("prompt");

  await page.click("#share");
  await page.selectOption("#share-expiry", { label: "never" });
  await page.click("#create-share");
  const url = await page.locator("#share-url").inputValue();
  expect(url).toMatch(/\/s\/[0-9a-f]{64}$/);

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const shared = await noScript.newPage();
  const response = await shared.goto(url);
  expect(response?.status()).toBe(200);
  await expect(shared.locator("#comparison-figures")).toContainText("100.0% → 62.5%");
  await expect(shared.locator('figure[data-chart="transitions"] svg')).toBeVisible();
  await expect(shared.locator("#regressions article.change")).toHaveCount(3);
  await expect(shared.locator(".sidebar")).toHaveCount(0);
  await expect(shared.locator("#share")).toHaveCount(0);
  const description = await shared.locator('meta[name="description"]').getAttribute("content");
  expect(description).toContain("3 regressions");

  const token = url.split("/s/")[1];
  await open(page, "/shares");
  const row = page.locator(`tr[data-token="${token}"]`);
  await expect(row).toBeVisible();
  await row.locator('[data-action="revoke"]').click();
  await expect(row).toHaveCount(0);
  const gone = await shared.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(shared.locator("#share-missing")).toBeVisible();
  await noScript.close();
});
