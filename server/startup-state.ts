// Where this process's start-up stands. On globalThis: the instrumentation hook, scripts/server.mjs and
// the health route reach it through different bundles, and all must see the one start of this process.

export type StartupState = { state: 'starting' | 'ready' | 'failed'; promise: Promise<void> };

export const globalForStartup = globalThis as unknown as { payungStartup?: StartupState };

/** 'starting' until this process's start-up work is done (the health check answers 503 until then). */
export function startupState(): StartupState['state'] | 'not_started' {
  return globalForStartup.payungStartup?.state ?? 'not_started';
}
