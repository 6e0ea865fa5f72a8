// `courant household move-in|move-out`, the hub stopped (the command opens the file) and running (it asks the hub's
// admin API with the local token): refusals with their catalogue code naming the field, the household reading its
// usage point from --from and not any more once moved out, and every receipt verifying with `courant ledger verify`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnCli } from '../test-support.ts';
import { parseInstant } from '../../core/range.ts';
import type { Prm } from '../../core/prm.ts';
import { startHub } from '../../server/main.ts';
import { fixtureBatches, removeDir, TEST_CONFIG } from '../../use-cases/consent/test-support.ts';

const PRM = '99999999999955' as Prm;
const PW = 'correct horse battery';
const OP = { kind: 'operator', id: 'test-operator' } as const;

/** In this process (the hub stopped). */
const run = (argv: string[]) => runCli(argv);

/** In a child process, as a user runs it (the hub of this process holds the file). */
const courant = async (args: string[]) => {
  const r = await spawnCli(args, { ...process.env, NODE_ENV: 'test' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function signIn(url: string, username: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PW }),
  });
  assert.equal(r.status, 200, await r.text());
  const cookie = r.headers
    .getSetCookie()
    .find((c) => c.startsWith('courant_session='))!
    .split(';')[0]!;
  return { cookie };
}

test('courant household move-in / move-out, hub stopped then running, every receipt verified', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-household-'));
  try {
    // an installation with two households, a recipient account, and a usage point nobody lives at yet
    const first = await startHub({
      dataDir: dir,
      port: 0,
      demo: false,
      env: {},
      logLevel: 'silent',
      consent: TEST_CONFIG,
      owner: { username: 'alice', password: PW },
    });
    try {
      await first.hub.consent.accounts.createAccount(OP, { username: 'bob', password: PW, role: 'household' });
      await first.hub.consent.accounts.createAccount(OP, {
        username: 'conseil-energie',
        password: PW,
        role: 'recipient',
      });
      await first.hub.store.write(fixtureBatches(PRM)); // 1 to 3 January 2007
    } finally {
      await first.close();
    }
    const d = ['--data-dir', dir];

    // hub stopped: refusals, each with its code and the field it is about
    const refusals: [string[], number, RegExp][] = [
      [['household', 'move-in', '--prm', PRM], 2, /^error CLI_USAGE: --username is required/],
      [
        ['household', 'move-in', '--prm', PRM, '--username', 'bob', '--at', '2007-01-02'],
        2,
        /^error CLI_USAGE: --at belongs to move-out/,
      ],
      [
        ['household', 'move-out', '--prm', PRM, '--username', 'bob'],
        2,
        /^error CLI_USAGE: move-out takes --prm and --at only/,
      ],
      [['household', 'move', '--prm', PRM], 2, /^error CLI_USAGE: household: unknown action "move"/],
      [
        ['household', 'move-in', '--prm', '123', '--username', 'bob'],
        1,
        /^error INPUT_INVALID_PRM: occupancy\.prm: "123"/,
      ],
      [
        ['household', 'move-in', '--prm', PRM, '--username', 'nobody-here'],
        1,
        /^error ACCOUNT_UNKNOWN: occupancy\.username: no account is named "nobody-here"/,
      ],
      [
        ['household', 'move-in', '--prm', PRM, '--username', 'conseil-energie'],
        1,
        /^error ACCOUNT_NOT_HOUSEHOLD: occupancy\.username: "conseil-energie" is not a household/,
      ],
      [
        ['household', 'move-in', '--prm', PRM, '--username', 'bob', '--from', '2999-01-01'],
        1,
        /^error INPUT_INVALID_DATE: occupancy\.from: .* is in the future/,
      ],
      [
        ['household', 'move-in', '--prm', PRM, '--username', 'bob', '--from', '02/01/2007'],
        1,
        /^error INPUT_INVALID_DATE: .*occupancy\.from/,
      ],
      [
        ['household', 'move-out', '--prm', PRM],
        1,
        /^error OCCUPANCY_NONE: occupancy\.prm: no household lives at usage point 99999999999955/,
      ],
    ];
    for (const [args, code, re] of refusals) {
      const r = await run([...args, ...d]);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, re, args.join(' '));
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack');
    }

    // hub stopped: bob moves in, living there since 2 January
    const moveIn = await run(['household', 'move-in', '--prm', PRM, '--username', 'bob', '--from', '2007-01-02', ...d]);
    assert.equal(moveIn.code, 0, moveIn.err);
    assert.match(
      moveIn.out,
      /^bob moved in at usage point 99999999999955; it reads this usage point's data from 2007-01-01T23:00:00\.000Z\n/,
    );
    assert.match(moveIn.out, /\nevent: seq \d+ occupancy-started at \S+ \(id [0-9a-f-]{36}\)\n/);
    assert.match(
      moveIn.out,
      /\nreceipt: signed \(EdDSA JWS\), stored with seq \d+ in the ledger in .*courant\.duckdb; .*the household downloads it at GET \/api\/receipts\/[0-9a-f-]{36}\n$/,
    );
    const taken = await run(['household', 'move-in', '--prm', PRM, '--username', 'alice', ...d]);
    assert.equal(taken.code, 1);
    assert.match(
      taken.err,
      /^error OCCUPANCY_TAKEN: occupancy\.prm: usage point 99999999999955 already has an occupant; record its move-out first/,
    );
    const verify = await run(['ledger', 'verify', ...d]);
    assert.equal(verify.code, 0, verify.err);

    // hub running: the household reads from the day it moved in; the CLI goes through the hub's admin API
    const running = await startHub({
      dataDir: dir,
      port: 0,
      demo: false,
      env: {},
      logLevel: 'silent',
      consent: TEST_CONFIG,
    });
    try {
      const bob = await signIn(running.url, 'bob');
      const daily = await fetch(`${running.url}/api/usage-points/${PRM}/daily?from=2007-01-01&to=2007-01-04`, {
        headers: bob,
      });
      assert.equal(daily.status, 200);
      const t = ((await daily.json()) as { t: number[] }).t;
      assert.ok(
        t.length > 0 && t.every((x) => x >= parseInstant('2007-01-02', 'test')),
        'from the day it moved in, never before',
      );

      const twice = await courant(['household', 'move-in', '--prm', PRM, '--username', 'alice', ...d]);
      assert.equal(twice.code, 1, twice.err);
      assert.match(twice.err, /^error OCCUPANCY_TAKEN: occupancy\.prm: /, 'the hub answers the same refusal');

      const out = await courant(['household', 'move-out', '--prm', PRM, '--at', '2007-01-03', '--json', ...d]);
      assert.equal(out.code, 0, out.err);
      const a = JSON.parse(out.out) as {
        prm: string;
        username: string;
        at: string;
        deleted: number;
        event: { type: string; seq: number };
        receipt: { jws: string };
      };
      assert.equal(a.username, 'bob');
      assert.equal(a.at, '2007-01-02T23:00:00.000Z');
      assert.equal(a.event.type, 'moved-out');
      assert.ok(a.deleted > 0);
      assert.match(a.receipt.jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);

      const gone = await fetch(`${running.url}/api/usage-points/${PRM}/daily?from=2007-01-01&to=2007-01-04`, {
        headers: bob,
      });
      assert.equal(gone.status, 404, 'moved out: the answer of an absent usage point');
      assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'HTTP_NOT_FOUND');

      const again = await courant(['household', 'move-out', '--prm', PRM, ...d]);
      assert.equal(again.code, 1);
      assert.match(again.err, /^error OCCUPANCY_NONE: occupancy\.prm: /);
      const alice = await courant([
        'household',
        'move-in',
        '--prm',
        PRM,
        '--username',
        'alice',
        '--from',
        '2007-01-03',
        ...d,
      ]);
      assert.equal(alice.code, 0, alice.err);
      assert.match(
        alice.out,
        /^alice moved in at usage point 99999999999955; it reads this usage point's data from 2007-01-02T23:00:00\.000Z\n/,
      );
      assert.match(
        alice.out,
        /receipt: signed \(EdDSA JWS\), stored with seq \d+ in the hub's ledger \(http:\/\/127\.0\.0\.1:\d+\)/,
      );

      const verifyRunning = await courant(['ledger', 'verify', ...d]);
      assert.equal(verifyRunning.code, 0, verifyRunning.err);
    } finally {
      await running.close();
    }
    // hub stopped again: every row and every receipt (signature and binding to its row) verifies from the file
    const final = await run(['ledger', 'verify', ...d]);
    assert.equal(final.code, 0, final.err);
    assert.match(final.out, /chain: ok/);
  } finally {
    removeDir(dir);
  }
});
