// Runs when the server starts (never during `next build`): the database's start-up sequence
// (db/prepare.ts). scripts/server.mjs calls this too and waits for it before a worker serves; the work is
// done once per process whoever asks first.
// Then, when PAYUNG_REPORTS_SCHEDULER=on, it starts the monthly reports' hourly timer.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The settings are read and checked first: a bad variable stops the start with its name.
  await import('@/env');
  const { startPayung } = await import('@/server/startup');
  await startPayung();
  const { startReportScheduler } = await import('@/server/reports/scheduler');
  startReportScheduler();
}
