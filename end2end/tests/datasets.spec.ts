import { expect, test, type Page } from "@playwright/test";

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

test("a dataset is created, imported, edited, and its versions stay readable", async ({ page }) => {
  await open(page, "/datasets/new");
  await page.fill("#dataset-name", "e2e-golden");
  await page.selectOption("#dataset-type", "golden");
  await page.fill("#dataset-description", "Browser test set");
  await page.click("#create-dataset");
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.locator("#dataset-version")).toHaveText("v0");

  const file = [
    { input: "What is 2+2?", expected_output: "4" },
    { input: "Capital of France?", expected_output: "Paris", metadata: { topic: "geo" } },
    { input: "Colour of the sky?", expected_output: "blue" },
  ]
    .map((sample) => JSON.stringify(sample))
    .join("\n");
  await page.setInputFiles("#import-file", {
    name: "golden.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(file),
  });
  await page.click("#import-button");
  await expect(page.locator("#import-result")).toContainText("3");
  await expect(page.locator("#dataset-version")).toHaveText("v1");
  await expect(page.locator("tr[data-sample-id]")).toHaveCount(3);

  const first = page.locator("tr[data-sample-id]").first();
  await first.locator("[data-edit]").click();
  await expect(page.locator("#sample-input")).toHaveValue("What is 2+2?");
  await page.fill("#sample-input", "What is two plus two?");
  await page.click("#save-sample");
  await expect(page.locator("#dataset-version")).toHaveText("v2");
  await expect(page.locator("tr[data-sample-id]").first()).toContainText("What is two plus two?");
  await expect(page.locator("#version-history")).toContainText("1 changed");

  await page.selectOption("#version-select", "1");
  await expect(page).toHaveURL(/version=1/);
  await expect(page.locator("tr[data-sample-id]").first()).toContainText("What is 2+2?");
});

test("an import with bad lines is refused with their line numbers", async ({ page, request }) => {
  const created = await request.post("/api/v1/datasets", { data: { name: "e2e-bad", type: "user" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await open(page, `/datasets/${id}`);
  await page.setInputFiles("#import-file", {
    name: "bad.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from('{"input": "fine"}\n{"input": \n{"expected_output": "no input"}\n'),
  });
  await page.click("#import-button");
  await expect(page.locator(".alert-error")).toContainText("line 2");
  await expect(page.locator(".alert-error")).toContainText("line 3");
  await expect(page.locator("#dataset-version")).toHaveText("v0");
});
