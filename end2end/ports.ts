// Ports of the servers the browser tests start: the app, and an OpenAI-compatible stub.
export const appPort = Number(process.env.E2E_PORT ?? 38917);
export const stubPort = Number(process.env.E2E_STUB_PORT ?? 38918);
