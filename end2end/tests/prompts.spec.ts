import { expect, test, type Page } from "@playwright/test";

/** Clicks before the wasm bundle has hydrated the page do nothing, so every test waits for it. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

test("a prompt is created, versioned, rolled back and previewed through the UI", async ({ page }) => {
  await open(page, "/prompts/new");
  await page.fill("#prompt-name", "e2e-greeting");
  await page.fill("#prompt-description", "Greets a person");
  await page.fill("#template", "Hello {{ name }}, you are {{ age }}.");
  await page.click("#add-variable");
  await page.click("#add-variable");
  await page.fill("#var-name-0", "name");
  await page.fill("#var-name-1", "age");
  await page.selectOption("#var-type-1", "integer");
  await page.fill("#commit-message", "first version");
  await page.click("#save-prompt");

  await expect(page).toHaveURL(/\/prompts\/e2e-greeting$/);
  await expect(page.locator("#active-badge")).toHaveText("active 1.0.0");

  await page.click("#new-version");
  await expect(page).toHaveURL(/\/prompts\/e2e-greeting\/versions\/new$/);
  await expect(page.locator("#template")).toHaveValue("Hello {{ name }}, you are {{ age }}.");
  await page.fill("#template", "Hi {{ name }} ({{ age }})");
  await page.fill("#commit-message", "shorter greeting");
  await page.check("#activate-now");
  await page.click("#save-version");

  await expect(page).toHaveURL(/\/prompts\/e2e-greeting$/);
  await expect(page.locator("#active-badge")).toHaveText("active 1.1.0");
  await expect(page.locator("#versions-table tbody tr")).toHaveCount(2);

  await page.click('button[data-activate="1.0.0"]');
  await expect(page.locator("#active-badge")).toHaveText("active 1.0.0");
  await expect(page.locator("#activation-history li")).toHaveCount(3);

  await expect(page.locator("#preview-version")).toHaveValue("1.0.0");
  await page.fill("#preview-var-name", "Ada");
  await page.fill("#preview-var-age", "36");
  await page.click("#render-button");
  await expect(page.locator("#preview-output")).toHaveText("Hello Ada, you are 36.");

  await page.selectOption("#preview-version", "1.1.0");
  await page.fill("#preview-var-name", "Grace");
  await page.fill("#preview-var-age", "85");
  await page.click("#render-button");
  await expect(page.locator("#preview-output")).toHaveText("Hi Grace (85)");
});

test("the editor shows the server's errors beside the inputs they name", async ({ page }) => {
  await open(page, "/prompts/new");
  await page.fill("#prompt-name", "bad name!");
  await page.fill("#template", "Hello {{ who }}");
  await page.click("#save-prompt");

  await expect(page.locator("#prompt-name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#template")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expect(page.locator("#template ~ .field-error")).toContainText("who");
  await expect(page).toHaveURL(/\/prompts\/new$/);
});

test("two versions are compared side by side", async ({ page, request }) => {
  const created = await request.post("/api/v1/prompts", {
    data: { name: "e2e-diff", template: "The quick brown fox" },
  });
  expect(created.status()).toBe(201);
  const second = await request.post("/api/v1/prompts/e2e-diff/versions", {
    data: { template: "The quick red fox" },
  });
  expect(second.status()).toBe(201);

  await open(page, "/prompts/e2e-diff/diff?from=1.0.0&to=1.1.0");
  await expect(page.locator("#diff-template mark.diff-del")).toHaveText("brown");
  await expect(page.locator("#diff-template mark.diff-ins")).toHaveText("red");
});
