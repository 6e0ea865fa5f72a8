// A hub instance's live-sources lease in its own process, so postgres-leader-lease.test.ts can kill it with SIGKILL:
// opens the PostgreSQL database of argv[2], runs a task under the lease (use-cases/leadership.ts) and prints
// "leading" on stdout when it starts the task. Nothing else on stdout.
import { PostgresDatabase } from '../src/adapters/postgres/postgres-database.ts';
import { PostgresLeaderLease } from '../src/adapters/postgres/postgres-leader-lease.ts';
import { runAsLeader } from '../src/use-cases/leadership.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = await PostgresDatabase.open({ url: process.argv[2]!, max: 1 });
  await runAsLeader({
    lease: new PostgresLeaderLease(db),
    everyMs: 100,
    start: async () => void process.stdout.write('leading\n'),
    stop: async () => undefined,
  });
}
