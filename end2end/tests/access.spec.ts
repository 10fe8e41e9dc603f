import { expect, test, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { adminEmail, adminPassword } from "../access";

async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}

async function signIn(page: Page, email: string, password: string) {
  await hydrated(page);
  await page.fill("#sign-in-email", email);
  await page.fill("#sign-in-password", password);
  await page.click("#sign-in");
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a stranger is sent to sign in, a wrong password is refused in place, and signing out ends the session", async ({ page }) => {
    await page.goto("/prompts");
    await expect(page).toHaveURL(/\/login\?next=\/prompts$/);
    await signIn(page, adminEmail, "not the password at all");
    await expect(page.locator("#sign-in-form .alert")).toContainText("email or password is not right");

    await page.fill("#sign-in-password", adminPassword);
    await page.click("#sign-in");
    await expect(page).toHaveURL(/\/prompts$/);
    await expect(page.locator("#user-role")).toHaveText("admin");

    await hydrated(page);
    await page.click("#sign-out");
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/datasets");
    await expect(page).toHaveURL(/\/login\?next=\/datasets$/);
  });

  test("a viewer reads every page but cannot change anything", async ({ page, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: undefined });
    await admin.post("/api/v1/auth/login", { data: { email: adminEmail, password: adminPassword } });
    const viewer = { email: "viewer@example.com", password: "viewer password 123", role: "viewer" };
    const created = await admin.post("/api/v1/users", { data: viewer });
    expect([201, 409]).toContain(created.status());
    await admin.post("/api/v1/prompts", { data: { name: "e2e-viewer-reads", template: "Hi" } });
    await admin.post("/api/v1/prompts/e2e-viewer-reads/versions", { data: { template: "Hello" } });

    await page.goto("/login?next=/prompts");
    await signIn(page, viewer.email, viewer.password);
    await expect(page).toHaveURL(/\/prompts$/);
    await expect(page.locator("#user-role")).toHaveText("viewer");
    await expect(page.getByText("e2e-viewer-reads")).toBeVisible();
    await expect(page.locator('a[href="/settings/users"]')).toHaveCount(0);
    await expect(page.locator("#new-prompt")).toHaveCount(0);
    await page.goto("/prompts/e2e-viewer-reads");
    await hydrated(page);
    await expect(page.locator("#versions-table tbody tr")).toHaveCount(2);
    await expect(page.locator("[data-activate]")).toHaveCount(0);
    await expect(page.locator("#new-version")).toHaveCount(0);

    await page.goto("/prompts/new");
    await hydrated(page);
    await page.fill("#prompt-name", "e2e-viewer-writes");
    await page.fill("#template", "Hello");
    await page.click("#save-prompt");
    await expect(page.locator(".alert")).toContainText("needs the editor role");
    expect((await admin.get("/api/v1/prompts/e2e-viewer-writes")).status()).toBe(404);
    await admin.dispose();
  });
});

test("an admin creates an API key, sees it once, uses it and revokes it", async ({ page, playwright, baseURL }) => {
  await page.goto("/settings/api-keys");
  await hydrated(page);
  await page.fill("#api-key-name", "e2e-ci");
  await page.selectOption("#api-key-scope", "viewer");
  await page.click("#create-api-key");
  const secret = (await page.locator("#new-api-key code").textContent())!.trim();
  expect(secret).toMatch(/^llmops_[0-9a-f]{64}$/);
  await expect(page.locator("#api-key-table tbody tr", { hasText: "e2e-ci" })).toHaveCount(1);

  const service = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  expect((await service.get("/api/v1/prompts")).status()).toBe(200);
  expect((await service.post("/api/v1/prompts", { data: { name: "e2e-by-key", template: "x" } })).status()).toBe(403);

  await page.locator("#api-key-table tbody tr", { hasText: "e2e-ci" }).locator('[data-action="revoke"]').click();
  await expect(page.locator("#api-key-table tbody tr", { hasText: "e2e-ci" })).toContainText("revoked");
  expect((await service.get("/api/v1/prompts")).status()).toBe(401);
  await service.dispose();
});

test.describe("a new server", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("prints a one-time setup link that creates the owner and signs them in", async ({ page }) => {
    const root = resolve(__dirname, "../..");
    const binary = process.env.LLMOPS_BIN ?? join(root, "target/release/llmops");
    const database = join(mkdtempSync(join(tmpdir(), "llmops-e2e-setup-")), "llmops.db");
    const server = spawn(binary, ["serve", "--addr", "127.0.0.1:0", "--db", database, "--log-level", "warn"], {
      cwd: root,
      env: { ...process.env, LLMOPS_INIT_API_KEY: "", LLMOPS_INIT_ADMIN_EMAIL: "", LLMOPS_INIT_ADMIN_PASSWORD: "" },
    });
    try {
      let printed = "";
      const setupUrl = await new Promise<string>((found, failed) => {
        server.stderr.on("data", (chunk) => {
          printed += chunk;
          const match = printed.match(/(http:\/\/\S+\/setup\?code=\S+)/);
          if (match) found(match[1]);
        });
        server.on("exit", (code) => failed(new Error(`the server exited (${code}): ${printed}`)));
      });
      const base = new URL(setupUrl).origin;
      await page.goto(`${base}/prompts`);
      await expect(page).toHaveURL(/\/setup$/);

      await page.goto(setupUrl);
      await hydrated(page);
      await expect(page.locator("#setup-code")).not.toHaveValue("");
      await page.fill("#setup-email", "owner@example.com");
      await page.fill("#setup-name", "Owner");
      await page.fill("#setup-password", "short");
      await page.click("#set-up");
      await expect(page.locator("#setup-form")).toContainText("at least 12 characters");

      await page.fill("#setup-password", "owner password 123");
      await page.click("#set-up");
      await expect(page).toHaveURL(`${base}/`);
      await expect(page.locator("#user-role")).toHaveText("admin");

      await page.goto(setupUrl);
      await hydrated(page);
      await page.fill("#setup-email", "intruder@example.com");
      await page.fill("#setup-password", "intruder password 1");
      await page.click("#set-up");
      await expect(page.locator("#setup-form")).toContainText("already set up");
    } finally {
      server.kill();
    }
  });
});
