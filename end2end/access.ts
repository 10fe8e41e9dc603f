// The credentials the browser tests' server starts with (LLMOPS_INIT_*), and the file the
// admin's signed-in browser state is kept in, so that every test starts signed in.
import { join } from "node:path";

export const adminEmail = "admin@example.com";
export const adminPassword = "browser tests password";
export const apiKey = "llmops_browser_tests_admin_key_0123456789";
export const adminState = join(__dirname, "test-results", ".admin-state.json");
