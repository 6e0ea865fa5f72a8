// First start through startHub: the one-time set-up link, the local CLI token file, and the non-interactive owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHub } from '../main.ts';

const PW = 'correct horse battery';

test('first start prints a one-time set-up link; it creates the owner once; hub.json holds a 0600 local token', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-setup-'));
  const logged: string[] = [];
  const running = await startHub({
    dataDir,
    port: 0,
    demo: false,
    env: {},
    logLevel: 'info',
    logWrite: (l) => logged.push(l),
  });
  try {
    assert.match(running.setupUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/#\/setup\?token=[\w-]{43}$/);
    const token = new URL(running.setupUrl!.replace('/#/setup', '/setup')).searchParams.get('token');
    // the one-time secret is for the terminal that started the hub, not for the log
    assert.ok(
      logged.some((l) => l.includes('first start: no account yet')),
      logged.join('\n'),
    );
    assert.ok(!logged.some((l) => l.includes(token!)), 'the set-up token appears in the log');
    const hubFile = join(dataDir, 'hub.json');
    assert.equal(statSync(hubFile).mode & 0o777, 0o600);
    const local = (JSON.parse(readFileSync(hubFile, 'utf8')) as { token: string }).token;
    assert.equal(local, running.hub.localToken);
    const post = (body: unknown) =>
      fetch(`${running.url}/api/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const form = await fetch(`${running.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}&username=eve&password=${encodeURIComponent(PW)}`,
    });
    assert.ok(form.status >= 400 && form.status < 500, 'a cross-site HTML form cannot post the set-up (JSON only)');
    assert.equal(await running.hub.consent.accounts.needsSetup(), true);
    const ok = await post({ token, username: 'owner', password: PW });
    assert.equal(ok.status, 201);
    assert.match(ok.headers.get('set-cookie') ?? '', /courant_session=.*HttpOnly.*SameSite=Strict/i);
    const again = await post({ token, username: 'other', password: PW });
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'AUTH_SETUP_DONE');
    const me = await fetch(`${running.url}/api/auth/me`, { headers: { authorization: `Bearer ${local}` } });
    assert.equal(
      ((await me.json()) as { actor: { kind: string } }).actor.kind,
      'household',
      'the local token acts as the owner once there is one',
    );
  } finally {
    await running.close();
  }
});

test('startHub({ owner }) creates the owner without a set-up link', async () => {
  const running = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'courant-owner-')),
    port: 0,
    demo: false,
    env: {},
    owner: { username: 'foyer', password: PW },
  });
  try {
    assert.equal(running.setupUrl, undefined);
    const r = await fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'foyer', password: PW }),
    });
    assert.equal(r.status, 200);
    // Data that arrives after set-up (an import, a meter) in a single-household installation is the owner's.
    const cookie = `courant_session=${/courant_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]}`;
    const prm = '99999999999955';
    const t0 = Date.UTC(2026, 0, 5, 23);
    await running.hub.store.write([
      {
        key: {
          prm: prm as never,
          quantity: 'energy',
          direction: 'consumption',
          register: '',
          step: 'P1D',
          source: 'enedis_portal',
        },
        ts: [t0, t0 + 86_400_000],
        values: [8123, 9456],
      },
    ]);
    const ups = (await (await fetch(`${running.url}/api/usage-points`, { headers: { cookie } })).json()) as {
      usagePoints: { prm: string }[];
    };
    assert.deepEqual(
      ups.usagePoints.map((u) => u.prm),
      [prm],
    );
    const daily = await fetch(`${running.url}/api/usage-points/${prm}/daily?from=2026-01-06&to=2026-01-08`, {
      headers: { cookie },
    });
    assert.deepEqual(
      ((await daily.json()) as { v: number[] }).v,
      [8123, 9456],
      'its history from the first value is visible to it',
    );
  } finally {
    await running.close();
  }
});
