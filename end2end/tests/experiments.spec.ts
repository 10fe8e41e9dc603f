import { expect, test, type Page } from "@playwright/test";

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

async function slide(page: Page, index: number, value: number) {
  await page
    .locator(".variant-split")
    .nth(index)
    .evaluate((input: HTMLInputElement, v: number) => {
      input.value = String(v);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
}

test("an experiment is created through the form, started, and shows results", async ({ page, request }) => {
  await open(page, "/experiments/new");
  await page.fill("#experiment-name", "e2e-tone");
  await page.click("#add-variant");
  await expect(page.locator(".variant-row")).toHaveCount(3);
  await expect(page.locator("#split-total")).toHaveText("Total 100.0%");
  await slide(page, 0, 60);
  await expect(page.locator("#split-total")).toHaveText("Total 100.0%");
  await expect(page.locator(".split-value").first()).toHaveText("60.0%");
  // Two controls are impossible in the form; a duplicate id is refused beside its input.
  await page.locator(".variant-id").nth(2).fill("treatment");
  await page.click("#create-experiment");
  await expect(page.locator(".alert-error")).toBeVisible();
  await expect(page).toHaveURL(/\/experiments\/new$/);
  await page.locator(".variant-row").nth(2).getByRole("button", { name: "Remove" }).click();
  await expect(page.locator(".variant-row")).toHaveCount(2);
  await expect(page.locator("#split-total")).toHaveText("Total 100.0%");
  await page.click("#create-experiment");

  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(page.locator('h1 [data-status="draft"]')).toBeVisible();
  await page.click('button[data-action="start"]');
  await expect(page.locator('h1 [data-status="running"]')).toBeVisible();

  for (let user = 0; user < 40; user++) {
    expect((await request.post(`/api/v1/experiments/${id}/assign`, { data: { user_id: `user-${user}` } })).status()).toBe(200);
  }
  const events = [];
  for (let i = 0; i < 400; i++) {
    events.push({ variant_id: "control", metric: "conversion", value: i % 10 < 3 ? 1 : 0 });
    events.push({ variant_id: "treatment", metric: "conversion", value: i % 10 < 6 ? 1 : 0 });
  }
  expect((await request.post(`/api/v1/experiments/${id}/metrics`, { data: events })).status()).toBeLessThan(300);

  await page.click('a.tab:has-text("Results")');
  await expect(page).toHaveURL(new RegExp(`/experiments/${id}/results$`));
  await expect(page.locator("#recommendation")).toContainText("Recommended winner: treatment");
  await expect(page.locator('[data-metric="conversion"] tr[data-variant="treatment"] [data-outcome="better"]')).toBeVisible();
  await expect(page.locator('figure[data-chart="means"] svg')).toBeVisible();
  await expect(page.locator('figure[data-chart="traffic"] svg')).toBeVisible();
  await page.click("#complete-with-winner");
  await expect(page.locator('h1 [data-status="completed"]')).toBeVisible();

  await open(page, "/experiments?status=completed");
  await expect(page.locator(`tr[data-experiment-id="${id}"]`)).toContainText("treatment");
});

test("the form refuses a variant pinned to a prompt version that does not exist, as the API does", async ({ page, request }) => {
  const prompt = "e2e-pinned";
  expect((await request.post("/api/v1/prompts", { data: { name: prompt, template: "Hi {{ name }}", variables: [{ name: "name", type: "string" }] } })).status()).toBe(201);
  const definition = {
    name: "e2e-missing-version",
    variants: [
      { id: "control", is_control: true, prompt_name: prompt, prompt_version: "9.9.9" },
      { id: "treatment" },
    ],
    traffic_split: { control: 50, treatment: 50 },
    metrics: [{ name: "conversion", kind: "proportion" }],
    target_metric: "conversion",
  };
  const rest = await request.post("/api/v1/experiments", { data: definition });
  expect(rest.status()).toBe(422);
  const expected = (await rest.json()).error.details.find((d: { field: string }) => d.field === "variants[0].prompt_version");
  expect(expected.message).toContain("9.9.9");

  await open(page, "/experiments/new");
  await page.fill("#experiment-name", definition.name);
  await page.locator(".variant-prompt").first().selectOption(prompt);
  await page.locator(".variant-version").first().fill("9.9.9");
  await page.click("#create-experiment");
  await expect(page.locator("#variant-0-version-error")).toHaveText(expected.message);
  await expect(page.locator("#variant-0-version")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/experiments\/new$/);
  const listed = await (await request.get("/api/v1/experiments")).json();
  expect(listed.experiments.map((e: { name: string }) => e.name)).not.toContain(definition.name);
});
