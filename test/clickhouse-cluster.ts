/**
 * A real two-shard ClickHouse cluster for tests: two `clickhouse-server` processes (Debian's package, 18.16 on this
 * machine; scripts/ensure-system-deps.sh installs it) on free loopback ports, each with its own data directory under
 * one fresh temporary directory, both naming the two of them as the shards of one cluster (`remote_servers`). Never a
 * system service: `stop()` ends both processes and removes the directory.
 *
 * If a server does not come up, `startClickHouseCluster` throws with the server's own log: the suite fails, it never
 * skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEADLINE_MS } from './wait.ts';

/** The cluster's name in `remote_servers`, as the adapter's Distributed table names it. */
export const TEST_CLUSTER = 'courant_test';

export interface ClickHouseNode {
  /** HTTP interface, e.g. `http://127.0.0.1:18123`. */
  readonly url: string;
  readonly tcpPort: number;
  readonly dir: string;
}

export interface ClickHouseCluster {
  readonly cluster: string;
  readonly nodes: readonly ClickHouseNode[];
  /** The server's version as it answers `SELECT version()`. */
  readonly version: string;
  stop(): Promise<void>;
}

const SERVER = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

interface Ports {
  http: number;
  tcp: number;
  interserver: number;
}

/** 18.16 reads a `<yandex>` root element (current servers also accept it). */
function configXml(dir: string, p: Ports, shards: readonly Ports[]): string {
  const shardXml = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('\n      ');
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>information</level>
    <log>${dir}/log/server.log</log>
    <errorlog>${dir}/log/error.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <http_port>${p.http}</http_port>
  <tcp_port>${p.tcp}</tcp_port>
  <interserver_http_port>${p.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mark_cache_size>67108864</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <${TEST_CLUSTER}>
      ${shardXml}
    </${TEST_CLUSTER}>
  </remote_servers>
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

function logOf(dir: string): string {
  const parts: string[] = [];
  for (const f of ['log/stdout.log', 'log/error.log', 'log/server.log']) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'utf8');
    parts.push(`--- ${f} (last 4,000 characters) ---\n${text.slice(-4000)}`);
  }
  return parts.join('\n') || '(the server wrote no log)';
}

async function answers(url: string): Promise<string | null> {
  try {
    // a short timeout: whatever holds the port may accept and never answer
    const r = await fetch(`${url}/?query=${encodeURIComponent('SELECT version()')}`, {
      signal: AbortSignal.timeout(2000),
    });
    return r.ok ? (await r.text()).trim() : null;
  } catch {
    return null;
  }
}

function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const killer = setTimeout(() => proc.kill('SIGKILL'), DEADLINE_MS);
  await exited(proc);
  clearTimeout(killer);
}

export interface ClusterOptions {
  readonly shards?: number;
  /** The first shard's HTTP port instead of a free one (the helper's own test gives a taken one). */
  readonly firstHttpPort?: number;
}

/** Starts two servers as the two shards of `TEST_CLUSTER`; resolves once both answer a query. */
export async function startClickHouseCluster(opts: ClusterOptions = {}): Promise<ClickHouseCluster> {
  if (!SERVER) throw new Error('clickhouse-server is not installed (run scripts/ensure-system-deps.sh)');
  const shardCount = opts.shards ?? 2;
  const root = mkdtempSync(join(tmpdir(), 'courant-ch-'));
  const ports: Ports[] = [];
  const taken = new Set<number>();
  while (ports.length < shardCount) {
    const p: number[] = [];
    while (p.length < 3) {
      const n = await freePort();
      if (!taken.has(n)) {
        taken.add(n);
        p.push(n);
      }
    }
    ports.push({ http: ports.length === 0 ? (opts.firstHttpPort ?? p[0]!) : p[0]!, tcp: p[1]!, interserver: p[2]! });
  }
  const procs: ChildProcess[] = [];
  const nodes: ClickHouseNode[] = [];
  const stopAll = async () => {
    await Promise.all(procs.map(stopProcess));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < shardCount; i++) {
      const dir = join(root, `shard${i + 1}`);
      for (const d of ['log', 'data', 'tmp', 'user_files', 'format_schemas'])
        mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, 'config.xml'), configXml(dir, ports[i]!, ports));
      writeFileSync(join(dir, 'users.xml'), USERS_XML);
      const out = join(dir, 'log/stdout.log');
      writeFileSync(out, '');
      const fd = openSync(out, 'a');
      const proc = spawn(SERVER, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', fd, fd] });
      procs.push(proc);
      nodes.push({ url: `http://127.0.0.1:${ports[i]!.http}`, tcpPort: ports[i]!.tcp, dir });
    }
    let version = '';
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const proc = procs[i]!;
      for (const t0 = Date.now(); ;) {
        const v = await answers(node.url);
        if (v) {
          version = v;
          break;
        }
        if (proc.exitCode !== null || proc.signalCode !== null)
          throw new Error(
            `clickhouse-server for shard ${i + 1} exited (${proc.exitCode ?? proc.signalCode}) before answering:\n${logOf(node.dir)}`,
          );
        if (Date.now() - t0 > DEADLINE_MS * 2)
          throw new Error(`clickhouse-server for shard ${i + 1} did not answer at ${node.url}:\n${logOf(node.dir)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { cluster: TEST_CLUSTER, nodes, version, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
