// Signs the admin in once, through the REST API, and keeps the session cookie for the tests.
import { request, type FullConfig } from "@playwright/test";
import { adminEmail, adminPassword, adminState } from "./access";

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL;
  const context = await request.newContext({ baseURL });
  const response = await context.post("/api/v1/auth/login", { data: { email: adminEmail, password: adminPassword } });
  if (!response.ok()) throw new Error(`the admin could not sign in: ${response.status()} ${await response.text()}`);
  await context.storageState({ path: adminState });
  await context.dispose();
}
