// docs/third-party.md's walk-through, run as written: its `sh` blocks, one after the other in bash (what one block
// exports, the next sees), against a real hub with the synthetic demo household on today's calendar. `courant` is this
// checkout's bin/courant.mjs; $HUB and the data dir come from the environment. The household's step (its browser on
// the consent screen) is the one block a shell cannot do: the test performs it through the routes the consent screen
// uses, with the household's session, and gives the doc's next block the address the browser was sent back to. Fails
// when a command of the doc fails or the first curve is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '../src/server/main.ts';
import { fetchSend } from '../src/server/oauth-test-support.ts';
import { removeDir } from '../src/use-cases/consent/test-support.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOC = join(ROOT, 'docs', 'third-party.md');
const PW = 'une phrase assez longue';

/** The fenced `sh` blocks of the walk-through section. */
export function walkThroughBlocks(markdown: string): string[] {
  const start = markdown.indexOf('\n## Walk-through');
  assert.ok(start >= 0, 'docs/third-party.md has a walk-through section');
  const next = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function bash(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn('bash', ['-c', script], { env, cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A variable the blocks exported, read back from the state file. */
async function exported(state: string, name: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  const r = await bash(`. "$WALK_STATE"; printf '%s' "\${${name}:-}"`, { ...env, WALK_STATE: state }, cwd);
  return r.stdout;
}

test('the walk-through of docs/third-party.md runs as written, from registration to a first curve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-third-party-doc-'));
  const work = join(dir, 'work');
  const bin = join(dir, 'bin');
  mkdirSync(work);
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'courant'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'courant.mjs')}" "$@"\n`,
  );
  chmodSync(join(bin, 'courant'), 0o755);
  const dataDir = join(dir, 'data');
  const blocks = walkThroughBlocks(readFileSync(DOC, 'utf8'));
  assert.ok(blocks.length >= 6, `${blocks.length} sh blocks in the walk-through`);
  const household = blocks.findIndex((b) => b.includes("CALLBACK_URL='"));
  assert.ok(household > 0, 'the block where the household’s answer is pasted');
  const curve = blocks.findIndex((b) => b.includes('/metering_data_clc/v5/consumption_load_curve?'));
  assert.ok(curve > household, 'the first curve comes after the household’s step');

  const hub = await startHub({
    dataDir,
    port: 0,
    demo: true,
    demoCalendar: 'today',
    env: {},
    logLevel: 'silent',
    owner: { username: 'foyer', password: PW },
  });
  try {
    const state = join(dir, 'state.sh');
    writeFileSync(state, '');
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: dir,
      LANG: 'C.UTF-8',
      NODE_ENV: 'test',
      HUB: hub.url,
      COURANT_DATA_DIR: dataDir,
    };
    const send = fetchSend(hub.url);
    for (const [i, block] of blocks.entries()) {
      if (i === household) {
        // the household's browser: the authorisation address, then its consent screen, signed in
        const authorizeUrl = await exported(state, 'AUTHORIZE_URL', env, work);
        assert.ok(authorizeUrl.startsWith(`${hub.url}/dataconnect/v1/oauth2/authorize?`), authorizeUrl);
        const a = await send({ method: 'GET', url: authorizeUrl.slice(hub.url.length) });
        assert.equal(a.status, 302, a.text);
        const screenQuery = String(a.headers.location).split('/#/authorize?')[1];
        assert.ok(screenQuery, `sent to the consent screen: ${String(a.headers.location)}`);
        const login = await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'foyer', password: PW }),
        });
        assert.equal(login.status, 200, await login.clone().text());
        const cookie = login.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        const session = { cookie, 'x-csrf-token': ((await login.json()) as { csrf: string }).csrf };
        const s = await send({
          method: 'GET',
          url: `/api/oauth/authorization?${screenQuery}&lang=en`,
          headers: session,
        });
        assert.equal(s.status, 200, s.text);
        const screen = JSON.parse(s.text) as { boxes: { key: string; step: string; purpose: string }[] };
        const ticked = screen.boxes.filter((b) => b.purpose === 'personalised-advice' && b.step === 'PT30M');
        assert.equal(ticked.length, 1, 'the doc’s box: personalised advice every 30 minutes');
        const d = await send({
          method: 'POST',
          url: '/api/oauth/authorization',
          headers: { ...session, 'content-type': 'application/json' },
          body: JSON.stringify({
            request: Object.fromEntries(new URLSearchParams(screenQuery)),
            decision: 'grant',
            ticked: ticked.map((b) => b.key),
            lang: 'en',
          }),
        });
        assert.equal(d.status, 200, d.text);
        const callback = (JSON.parse(d.text) as { redirect: string }).redirect;
        assert.match(callback, /^http:\/\/127\.0\.0\.1:8080\/callback\?code=/);
        appendFileSync(state, `export CALLBACK_URL='${callback.replaceAll("'", "'\\''")}'\n`);
        continue;
      }
      const script = `set -euo pipefail\n. "$WALK_STATE"\n${block}\nexport -p > "$WALK_STATE"\n`;
      const r = await bash(script, { ...env, WALK_STATE: state }, work);
      assert.equal(
        r.status,
        0,
        `block ${i + 1} of the walk-through failed:\n${block}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
      );
      if (i === curve) {
        const answer = JSON.parse(r.stdout) as {
          meter_reading: { usage_point_id: string; interval_reading: { value: string; date: string }[] };
        };
        assert.equal(answer.meter_reading.usage_point_id, '99999999999902');
        const n = answer.meter_reading.interval_reading.length;
        assert.ok(n >= 46 && n <= 50, `the first curve has a day of half hours: ${n}`);
        assert.ok(answer.meter_reading.interval_reading.every((p) => /^\d+$/.test(p.value)));
      }
    }
  } finally {
    await hub.close();
    removeDir(dir);
  }
});
