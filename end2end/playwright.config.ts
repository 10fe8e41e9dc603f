import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { appPort as port, stubPort } from "./ports";
import { adminEmail, adminPassword, adminState, apiKey } from "./access";

// The real release binary with a database of its own, on a port no other service uses.
const root = resolve(__dirname, "..");
const binary = process.env.LLMOPS_BIN ?? join(root, "target/release/llmops");
const database = join(mkdtempSync(join(tmpdir(), "llmops-e2e-")), "llmops.db");
// An OpenAI-compatible stub that answers after 100 ms, so a run's progress can be watched.
const stub = process.env.MODEL_STUB_BIN ?? join(root, "target/release/model-stub");

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Every test starts with the admin signed in; tests of other roles open their own contexts.
    storageState: adminState,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `${binary} serve --addr 127.0.0.1:${port} --db ${database} --log-level warn`,
      cwd: root,
      env: {
        LLMOPS_INIT_ADMIN_EMAIL: adminEmail,
        LLMOPS_INIT_ADMIN_PASSWORD: adminPassword,
        LLMOPS_INIT_API_KEY: apiKey,
      },
      url: `http://127.0.0.1:${port}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `${stub} --port ${stubPort} --delay-ms 100`,
      cwd: root,
      url: `http://127.0.0.1:${stubPort}/v1/models`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
