// The same commands, the hub stopped (the CLI opens the database file) and running (the CLI asks the hub's local API
// with the token of <data-dir>/hub.json): the same answers, refusals included, each with its own error code. Run as a
// user runs them, in a child process. The usage point read is the owner household's: the local token acts as that
// household, so another household's usage point is refused through the hub (404) while the file shows it to the
// machine's
// administrator (docs/security.md, "The local CLI token").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnCli } from './test-support.ts';
import type { Prm } from '../core/prm.ts';
import { startHub } from '../server/main.ts';
import { fixtureBatches, removeDir } from '../use-cases/consent/test-support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRM = '99999999999966' as Prm;
const ELSEWHERE = '99999999999977' as Prm;
const PW = 'correct horse battery';
const OP = { kind: 'operator', id: 'test-operator' } as const;

interface Answer {
  readonly code: number | null;
  readonly out: string;
  /** The error line's code (`error CODE: …`), or the whole of stderr when there is none. */
  readonly err: string;
}

const courant = async (args: string[]): Promise<Answer> => {
  const r = await spawnCli(args, { ...process.env, NODE_ENV: 'test' });
  const code = /^error ([A-Z_]+):/m.exec(r.stderr);
  return { code: r.status, out: r.stdout, err: code ? code[1]! : r.stderr };
};

/** What differs by nature between the two ways: whether the hub runs, and when the register was generated. */
function comparable(args: string[], a: Answer): Answer {
  let out = a.out;
  if (args[0] === 'status' && a.code === 0)
    out = JSON.stringify({ ...(JSON.parse(out) as object), hubRunning: '(either)' });
  if (args[0] === 'register') out = out.replace(/^Généré le \/ generated \S+/m, 'Généré le / generated (now)');
  // the export's progress notes go to stderr from the file, not from the hub: only the error code is compared
  return { ...a, out, err: a.code === 0 ? '' : a.err };
}

test('every command that works both ways answers the same with the hub stopped and running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-parity-'));
  try {
    const d = ['--data-dir', dir];
    // the owner household's usage point (attached to it when the owner is created), and a move-in elsewhere for a
    // receipt
    const empty = await startHub({ dataDir: dir, port: 0, demo: false, env: {}, logLevel: 'silent' });
    try {
      await empty.hub.store.write(fixtureBatches(PRM)); // 1 to 3 January 2007, one-minute energy and its sums
    } finally {
      await empty.close();
    }
    const owned = await startHub({
      dataDir: dir,
      port: 0,
      demo: false,
      env: {},
      logLevel: 'silent',
      owner: { username: 'alice', password: PW },
    });
    try {
      await owned.hub.consent.accounts.createAccount(OP, { username: 'bob', password: PW, role: 'household' });
    } finally {
      await owned.close();
    }
    const moved = await courant(['household', 'move-in', '--prm', ELSEWHERE, '--username', 'bob', '--json', ...d]);
    assert.equal(moved.code, 0, moved.err);
    const receipt = (JSON.parse(moved.out) as { receipt: { jws: string } }).receipt.jws;
    const receiptFile = join(dir, 'bob-move-in.jws');
    writeFileSync(receiptFile, `${receipt}\n`);
    const forged = join(dir, 'forged.jws');
    writeFileSync(forged, `${receipt.slice(0, -4)}AAAA\n`);

    const range = ['--from', '2007-01-01', '--to', '2007-01-02'];
    const cases: string[][] = [
      ['status', '--json'],
      ['export', '--prm', PRM, ...range],
      ['export', '--prm', PRM, ...range, '--step', 'PT30M', '--format', 'json'],
      // refused exports: each with its own code
      ['export', '--prm', PRM, '--from', '2007-01-02', '--to', '2007-01-01'],
      ['export', '--prm', PRM, '--from', 'yesterday'],
      ['export', '--prm', PRM, '--step', 'PT7M'],
      ['export', '--prm', PRM, '--format', 'xml'],
      ['export', '--prm', '12345678901234'],
      ['export', '--prm', PRM, '--from', '2007-01-02', '--to', '2007-01-02'],
      ['export', '--prm', PRM, '--from', '2007-01-01T00:00:00'],
      ['export', '--prm', PRM, ...range, '--step', 'raw'],
      ['export', '--prm', PRM, '--from', '2030-01-01', '--to', '2030-01-02'],
      // refused imports (nothing stored, so the two runs see the same data)
      ['import', join(ROOT, 'test', 'fixtures', 'enedis', 'bad-header.csv')],
      ['import', join(ROOT, 'test', 'fixtures', 'enedis', 'bad-truncated.json')],
      ['import', join(ROOT, 'test', 'fixtures', 'enedis', 'bad-unknown.txt')],
      ['import', join(ROOT, 'test', 'fixtures', 'consent', 'uci-2007-01-01-3days-1min.csv')],
      ['import', join(ROOT, 'test', 'fixtures', 'enedis', 'dc-v5-daily.json'), '--prm', '123'],
      ['reveal', '--prm', PRM, '--json', '--locale', 'en'],
      ['reveal', '--prm', '12345678901234'],
      ['register'],
      ['ledger', 'verify'],
      ['ledger', 'verify', '--receipt', receiptFile],
      ['ledger', 'verify', '--receipt', forged],
      // third-party clients: the registry read, and refusals that write nothing
      ['client', 'list'],
      ['client', 'disable', 'nobody'],
      [
        'client',
        'register',
        ...['--id', 'conseil', '--name', 'Conseil', '--legal-identity', 'Conseil SAS', '--contact', 'dpo@conseil.test'],
        ...['--redirect-uri', 'http://conseil.test/cb', '--purpose', 'billing', '--retention-months', '12'],
      ],
    ];
    const stopped: Answer[] = [];
    for (const args of cases) stopped.push(comparable(args, await courant([...args, ...d])));
    assert.equal(stopped[0]!.code, 0, `status: ${stopped[0]!.err}`);
    assert.match(stopped[1]!.out, /^usage_point,series,interval_start,step,value,unit\n99999999999966,/);
    assert.deepEqual(
      stopped.slice(3, 10).map((a) => a.err),
      [
        'INPUT_INVALID_RANGE',
        'INPUT_INVALID_DATE',
        'INPUT_INVALID_STEP',
        'INPUT_INVALID',
        'HTTP_NOT_FOUND',
        'INPUT_INVALID_RANGE',
        'INPUT_INVALID_DATE',
      ],
    );
    const imports = cases.flatMap((args, i) => (args[0] === 'import' ? [stopped[i]!.err] : []));
    assert.deepEqual(imports, [
      'IMPORT_PRM_MISMATCH',
      'IMPORT_PARSE_ERROR',
      'IMPORT_UNRECOGNISED_FORMAT',
      'IMPORT_UNRECOGNISED_FORMAT',
      'INPUT_INVALID_PRM',
    ]);
    const verified = cases.findIndex((a) => a.includes(receiptFile));
    assert.equal(stopped[verified]!.code, 0);
    assert.match(stopped[verified]!.out, /household receipts: 1 found in the ledger/);
    assert.equal(stopped[verified + 1]!.err, 'RECEIPT_INVALID');
    assert.deepEqual(
      stopped.slice(-3).map((a) => [a.out, a.err]),
      [
        ['no client registered\n', ''],
        ['', 'CLIENT_UNKNOWN'],
        ['', 'CLIENT_INVALID'],
      ],
    );

    const running = await startHub({ dataDir: dir, port: 0, demo: false, env: {}, logLevel: 'silent' });
    try {
      for (const [i, args] of cases.entries()) {
        const r = comparable(args, await courant([...args, ...d]));
        assert.deepEqual(r, stopped[i], `courant ${args.join(' ')}: hub running ≠ hub stopped`);
      }
      // what only the file allows says so, naming the running hub, instead of DuckDB's lock message
      const tic = join(
        ROOT,
        'test',
        'fixtures',
        'tic',
        readdirSync(join(ROOT, 'test', 'fixtures', 'tic')).find((f) => f.endsWith('.txt') || f.endsWith('.bin'))!,
      );
      for (const args of [
        ['account', 'create-owner', '--username', 'carol'],
        ['tic', 'decode', tic],
        ['enedis', 'fetch', '--prm', PRM],
      ]) {
        const r = await spawnCli([...args, ...d], {
          ...process.env,
          NODE_ENV: 'test',
          COURANT_DC_CLIENT_ID: 'id',
          COURANT_DC_CLIENT_SECRET: 'secret',
        });
        assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(
          r.stderr,
          /^error STORE_LOCKED: the running hub \(http:\/\/127\.0\.0\.1:\d+\) holds the database: stop it to /m,
          args.join(' '),
        );
      }
      // accounts: the running hub creates them as the file does, and refuses what the file refuses
      const created = await spawnCli(
        ['account', 'create', '--role', 'recipient', '--username', 'Conseil-Energie', ...d],
        { ...process.env, NODE_ENV: 'test' },
        `${PW}\n`,
      );
      assert.deepEqual(
        [created.status, created.stdout],
        [0, 'recipient account conseil-energie created\n'],
        created.stderr,
      );
      const taken = await courantWith(
        ['account', 'create', '--role', 'recipient', '--username', 'conseil-energie', ...d],
        PW,
      );
      const short = await courantWith(
        ['account', 'create', '--role', 'household', '--username', 'dave', ...d],
        'short',
      );
      assert.deepEqual([taken.err, short.err], ['INPUT_INVALID', 'INPUT_INVALID']);
      accountAnswers.push(taken, short);
    } finally {
      await running.close();
    }
    const created = await spawnCli(
      ['account', 'create', '--role', 'recipient', '--username', 'Ecowatt', ...d],
      { ...process.env, NODE_ENV: 'test' },
      `${PW}\n`,
    );
    assert.deepEqual([created.status, created.stdout], [0, 'recipient account ecowatt created\n'], created.stderr);
    const taken = await courantWith(
      ['account', 'create', '--role', 'recipient', '--username', 'conseil-energie', ...d],
      PW,
    );
    const short = await courantWith(['account', 'create', '--role', 'household', '--username', 'dave', ...d], 'short');
    assert.deepEqual([taken, short], accountAnswers, 'account create: hub stopped ≠ hub running');
  } finally {
    removeDir(dir);
  }
});

const accountAnswers: Answer[] = [];
async function courantWith(args: string[], password: string): Promise<Answer> {
  const r = await spawnCli(args, { ...process.env, NODE_ENV: 'test' }, `${password}\n`);
  const code = /^error ([A-Z_]+):/m.exec(r.stderr);
  return { code: r.status, out: r.stdout, err: code ? code[1]! : r.stderr };
}
