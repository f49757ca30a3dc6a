// Runs once when the server starts (never during `next build`): opens the database, applies the
// committed migrations and seeds the demo data into an empty database; then, when
// PAYUNG_REPORTS_SCHEDULER=on, starts the monthly reports' hourly timer.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The settings are read and checked first: a bad variable stops the start with its name.
  await import('@/env');
  const { startPayung } = await import('@/server/startup');
  await startPayung();
  const { startReportScheduler } = await import('@/server/reports/scheduler');
  startReportScheduler();
}
