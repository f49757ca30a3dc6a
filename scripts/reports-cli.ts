// `npm run reports:send [-- --month YYYY-MM]`: the monthly reports job once, for an outside cron (e.g.
// hourly). It queues the due month's report for every subscriber (or the month given) and sends what
// is due, retries included; running it again sends nothing twice. On PostgreSQL it waits for no one: a
// run already under way elsewhere (the server's timer, another cron) makes it exit with nothing done.
import { openDatabase } from '@/db';
import { runReportsOnce } from '@/server/reports/scheduler';
import { isPeriod } from '@/domain/month';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const month = argument('month');
  if (month !== undefined && !isPeriod(month)) {
    console.error('Pakai: npm run reports:send [-- --month TTTT-BB]   (Usage: npm run reports:send [-- --month YYYY-MM])');
    process.exit(2);
  }
  const handle = await openDatabase({ migrate: true });
  try {
    const result = await runReportsOnce(handle, { month });
    if (!result) {
      console.log('Another process is sending the monthly reports right now; nothing done.');
      return;
    }
    console.log(JSON.stringify(result));
    process.exitCode = result.failed > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
