// Runs when the server starts (never during `next build`): the database's start-up sequence
// (db/prepare.ts). scripts/server.mjs calls this too and waits for it before a worker serves; the work is
// done once per process whoever asks first.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startPayung } = await import('@/server/startup');
  await startPayung();
}
