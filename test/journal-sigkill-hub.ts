// The hub of journal-sigkill.test.ts, in its own process so the test can kill it with SIGKILL: the synthetic
// household on today's calendar, an owner account, the Data Connect quotas raised out of the way. Prints its URL on
// one line and nothing else on stdout.
import { startHub } from '../src/server/main.ts';

export const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };

if (import.meta.url === `file://${process.argv[1]}`) {
  const hub = await startHub({
    dataDir: process.argv[2]!,
    host: '127.0.0.1',
    port: 0,
    demo: true,
    demoCalendar: 'today',
    owner: OWNER,
    logLevel: 'error',
    onProgress: () => {},
    env: {
      ...process.env,
      COURANT_LIMITS_DATA_CONNECT_PER_SECOND: '1000000',
      COURANT_LIMITS_DATA_CONNECT_PER_HOUR: '100000000',
    },
  });
  process.stdout.write(hub.url + '\n');
}
