import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

async function seed(request: APIRequestContext) {
  const endpoint = await request.post("/api/v1/endpoints", { data: { name: "e2e-echo", kind: "echo" } });
  expect([201, 409]).toContain(endpoint.status());
  const dataset = await request.post("/api/v1/datasets", { data: { name: "e2e-schedule", type: "regression" } });
  expect(dataset.status()).toBe(201);
  const { id } = await dataset.json();
  const samples = Array.from({ length: 5 }, (_, i) => ({ input: `Ping ${i}`, expected_output: `Ping ${i}` }));
  expect((await request.post(`/api/v1/datasets/${id}/samples`, { data: samples })).status()).toBe(201);
  const prompt = await request.post("/api/v1/prompts", {
    data: { name: "e2e-schedule", template: "{{ input }}", variables: [{ name: "input", type: "string" }] },
  });
  expect(prompt.status()).toBe(201);
  return id as string;
}

test("a schedule is created from the form with inline errors, runs now, and is disabled and deleted", async ({ page, request }) => {
  const datasetId = await seed(request);

  await open(page, "/schedules");
  await page.click("#new-schedule");
  await expect(page.locator("#run-scheduled")).toBeChecked();
  await page.selectOption("#run-dataset", datasetId);
  await page.selectOption("#run-prompt", "e2e-schedule");
  await page.selectOption("#run-endpoint", "e2e-echo");
  await page.check('.metric-row[data-metric="exact_match"] input[type="checkbox"]');
  await page.fill("#run-name", "nightly-e2e");
  await page.fill("#schedule-cron", "61 6 * * *");
  await page.fill("#schedule-webhook", "ftp://hooks.example.com/x");
  await page.click("#create-run");
  await expect(page.locator("#schedule-cron ~ .field-error")).toContainText("61 is out of range");
  await expect(page.locator("#schedule-webhook ~ .field-error")).toContainText("http(s) URL");
  expect((await (await request.get("/api/v1/schedules")).json()).schedules).toHaveLength(0);

  await page.fill("#schedule-cron", "0 6 * * *");
  await page.fill("#schedule-webhook", "");
  await page.fill("#schedule-min-pass-rate", "90%");
  await page.click("#create-run");
  await expect(page).toHaveURL(/\/schedules$/);
  const row = page.locator('tr[data-schedule="nightly-e2e"]');
  await expect(row.locator(".next-fire")).toContainText("06:00 UTC");
  await expect(row).toContainText("minimum pass rate 90%");
  await expect(row.locator(".last-outcome")).toContainText("not fired yet");

  await row.locator('[data-action="run-now"]').click();
  await expect(row.locator('.last-outcome [data-status="completed"]')).toBeVisible({ timeout: 30_000 });
  await expect(row.locator(".last-outcome")).toContainText("100.0%");

  await row.locator('[data-action="toggle"]').click();
  await expect(row).toHaveAttribute("data-enabled", "false");
  await expect(row.locator(".next-fire")).toContainText("disabled");
  await row.locator('[data-action="delete"]').click();
  await expect(row).toHaveCount(0);
});
