import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { stubPort } from "../ports";

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

async function ensureEndpoint(request: APIRequestContext) {
  const created = await request.post("/api/v1/endpoints", {
    data: { name: "e2e-runner", kind: "openai", base_url: `http://127.0.0.1:${stubPort}/v1`, model: "stub", max_concurrency: 2 },
  });
  expect([201, 409]).toContain(created.status());
}

async function seed(request: APIRequestContext) {
  await ensureEndpoint(request);
  const dataset = await request.post("/api/v1/datasets", { data: { name: "e2e-eval", type: "golden" } });
  expect(dataset.status()).toBe(201);
  const { id } = await dataset.json();
  const samples = Array.from({ length: 20 }, (_, i) => ({
    input: `Question ${i}`,
    expected_output: i % 4 === 0 ? `Question ${i}` : `Answer ${i}`,
  }));
  expect((await request.post(`/api/v1/datasets/${id}/samples`, { data: samples })).status()).toBe(201);
  const prompt = await request.post("/api/v1/prompts", {
    data: { name: "e2e-echo", template: "{{ input }}", variables: [{ name: "input", type: "string" }] },
  });
  expect(prompt.status()).toBe(201);
  return id as string;
}

test("an endpoint is added, tested, and refuses a bad URL inline", async ({ page }) => {
  await open(page, "/endpoints");
  await page.fill("#endpoint-name", "bad-url");
  await page.fill("#endpoint-url", "localhost:8080");
  await page.fill("#endpoint-model", "stub");
  await page.click("#create-endpoint");
  await expect(page.locator("#endpoint-form .field-error")).toContainText("http://");
  await expect(page.locator('tr[data-endpoint="bad-url"]')).toHaveCount(0);

  await page.fill("#endpoint-name", "e2e-stub");
  await page.fill("#endpoint-url", `http://127.0.0.1:${stubPort}/v1`);
  await page.fill("#endpoint-concurrency", "2");
  await page.click("#create-endpoint");
  const row = page.locator('tr[data-endpoint="e2e-stub"]');
  await expect(row).toBeVisible();
  await row.locator(".test-connection").click();
  await expect(row.locator('[data-connection="ok"]')).toBeVisible();
});

test("a run started from the form shows its progress live until it completes", async ({ page, request }) => {
  const datasetId = await seed(request);

  await open(page, "/evaluations/new");
  await page.selectOption("#run-dataset", datasetId);
  await page.selectOption("#run-prompt", "e2e-echo");
  await page.selectOption("#run-endpoint", "e2e-runner");
  await page.check('.metric-row[data-metric="exact_match"] input[type="checkbox"]');
  await expect(page.locator('.metric-row[data-metric="exact_match"] .metric-threshold')).toHaveValue("1");
  await page.check('.metric-row[data-metric="latency"] input[type="checkbox"]');
  await page.click("#create-run");

  await expect(page).toHaveURL(/\/evaluations\/[0-9a-f-]{36}$/);
  // A mark that a reload would wipe: the progress must arrive without one.
  await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
  const bar = page.locator('[role="progressbar"]').first();
  await expect(bar).toHaveAttribute("aria-valuemax", "20");
  await expect(bar).toHaveAttribute("aria-valuenow", "20", { timeout: 30_000 });
  await expect(page.locator('h1 [data-status="completed"]')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);

  // The stub echoes the prompt, so the five samples whose expected output is the input pass.
  await expect(page.locator("#pass-rate")).toHaveText("25.0%");
  await expect(page.locator('figure[data-chart="pass-fail"] svg')).toBeVisible();
  await expect(page.locator('figure[data-chart="histogram-exact_match"] svg')).toBeVisible();
  await expect(page.locator("tr[data-result]")).toHaveCount(20);
  await page.click('button[data-filter="failed"]');
  await expect(page.locator('tr[data-result="failed"]')).toHaveCount(15);
  await expect(page.locator('tr[data-result="passed"]')).toHaveCount(0);

  await open(page, "/evaluations?dataset=e2e-eval");
  await expect(page.locator('#run-table tr[data-status="completed"]')).toHaveCount(1);
});

test("a run the dataset cannot feed is refused beside the prompt version", async ({ page, request }) => {
  await ensureEndpoint(request);
  const dataset = await request.post("/api/v1/datasets", { data: { name: "e2e-thin", type: "user" } });
  const { id } = await dataset.json();
  await request.post(`/api/v1/datasets/${id}/samples`, { data: [{ input: "hello" }] });
  await request.post("/api/v1/prompts", {
    data: {
      name: "e2e-needs-lang",
      template: "{{ input }} in {{ lang }}",
      variables: [{ name: "input", type: "string" }, { name: "lang", type: "string" }],
    },
  });
  await open(page, "/evaluations/new");
  await page.selectOption("#run-dataset", id);
  await page.selectOption("#run-prompt", "e2e-needs-lang");
  await page.selectOption("#run-endpoint", "e2e-runner");
  await page.check('.metric-row[data-metric="contains"] input[type="checkbox"]');
  await page.click("#create-run");
  await expect(page.locator(".alert-error")).toContainText('variable "lang"');
  await expect(page).toHaveURL(/\/evaluations\/new$/);
});
