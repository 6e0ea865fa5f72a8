/**
 * A real, throwaway PostgreSQL server for tests (Debian's `postgresql` package, installed by
 * scripts/ensure-system-deps.sh): `initdb` in a fresh temporary directory, `postgres` started by `pg_ctl` on a free
 * loopback port (unix socket inside the directory, fsync on), a password-protected role, and a fresh database per
 * test case (`createDatabase`). `stop()` stops the server and removes the directory; a test file starts one server
 * and stops it in its top-level `after`.
 *
 * initdb refuses to run as root: when the tests run as root (CI does), the server runs as the `postgres` user the
 * Debian package creates (else `nobody`) through `runuser`, in a directory that user owns. A server that does not start
 * fails the caller with the server's own log; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_USER = 'courant';

export interface TestPostgres {
  /** Connection string of the maintenance database `postgres`. */
  readonly adminUrl: string;
  readonly port: number;
  readonly password: string;
  /** Creates a new empty database and returns its connection string. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(`no PostgreSQL server under ${root}: install Debian's postgresql (scripts/ensure-system-deps.sh)`);
  return join(root, versions[0], 'bin');
}

/** The unprivileged user the server runs as when we are root (initdb refuses root), or null to run as ourselves. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (r.status === 0 && g.status === 0) return { name, uid: Number(r.stdout), gid: Number(g.stdout) };
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to run the PostgreSQL server');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** Runs a server binary, as the server user when we are root. */
function run(bin: string, args: string[], user: ReturnType<typeof serverUser>): { ok: boolean; out: string } {
  const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const logOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '(no server log written)');

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'courant-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chmodSync(dir, 0o700);
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const fail = (what: string, out: string): never => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`test PostgreSQL server: ${what}\n${out}`);
  };
  const init = run(
    join(bin, 'initdb'),
    ['-D', data, '-U', PG_USER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8'],
    user,
  );
  if (!init.ok) fail('initdb failed', init.out);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='${dir}' -c fsync=on -c max_connections=60`;
    const started = run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '120', '-o', options, 'start'], user);
    if (started.ok) break;
    // the port may have been taken between freePort and the start: try another once or twice
    if (attempt >= 2 || !/could not bind|Address already in use/i.test(logOf(log)))
      fail(`the server did not start (${started.out.trim()}); its log:`, logOf(log));
  }
  const adminUrl = `postgres://${PG_USER}:${password}@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    adminUrl,
    port,
    password,
    async createDatabase(prefix = 'courant_test') {
      const name = `${prefix}_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://${PG_USER}:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], user);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
