// `courant client` on a real DuckDB file (hub stopped), then against a running hub over its local API: register
// (the secret printed once), list, a new secret, disable and enable; refusals name the catalogue code and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { clientCommand } from './client.ts';
import { runCli } from '../test-support.ts';
import { startHub } from '../../server/main.ts';
import { removeDir } from '../../use-cases/consent/test-support.ts';

const io = (dataDir: string) => {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  let errText = '';
  out.on('data', (d) => (text += d));
  err.on('data', (d) => (errText += d));
  return {
    io: { stdout: out, stderr: err, stdin: Readable.from([]), env: {}, cwd: dataDir },
    text: () => text,
    err: () => errText,
  };
};

const REGISTER = (id: string) => [
  'register',
  '--id',
  id,
  '--name',
  'Conseil Énergie',
  '--legal-identity',
  'Conseil Énergie SAS, SIRET 000 000 000 00000',
  '--contact',
  'dpo@conseil.invalid',
  '--redirect-uri',
  'https://conseil.invalid/callback',
  '--redirect-uri',
  'http://127.0.0.1:9000/cb',
  '--purpose',
  'personalised-advice',
  '--purpose',
  'anonymised-statistics',
  '--finest-step',
  'PT30M',
  '--retention-months',
  '12',
];

const secretOf = (out: string) => /^client_secret: (\S+)$/m.exec(out)?.[1];

async function exercise(dataDir: string, id: string, secretsCheck: (id: string, secret: string) => Promise<boolean>) {
  const d = ['--data-dir', dataDir];
  const reg = io(dataDir);
  assert.equal(await clientCommand.run([...REGISTER(id), ...d], reg.io), 0);
  assert.match(reg.text(), new RegExp(`^client ${id} registered \\(Conseil Énergie\\)\\nclient_id: ${id}\\n`));
  assert.match(reg.text(), /will not be shown again/);
  const first = secretOf(reg.text());
  assert.ok(first && first.length >= 20, reg.text());
  assert.ok(await secretsCheck(id, first));

  const list = io(dataDir);
  assert.equal(await clientCommand.run(['list', ...d], list.io), 0);
  assert.match(list.text(), new RegExp(`^${id}  Conseil Énergie  \\(service, enabled\\)$`, 'm'));
  assert.match(list.text(), /purposes: personalised-advice, anonymised-statistics/);
  assert.match(list.text(), /finest step: PT30M; keeps data 12 months/);
  assert.match(list.text(), /redirect URIs: https:\/\/conseil\.invalid\/callback http:\/\/127\.0\.0\.1:9000\/cb/);
  assert.doesNotMatch(list.text(), new RegExp(first), 'the secret is never shown again');

  const rot = io(dataDir);
  assert.equal(await clientCommand.run(['secret', id, ...d], rot.io), 0);
  const second = secretOf(rot.text());
  assert.ok(second && second !== first);
  assert.match(rot.text(), /previous one no longer works/);
  assert.equal(await secretsCheck(id, first), false, 'the old secret stops working');
  assert.ok(await secretsCheck(id, second));

  const dis = io(dataDir);
  assert.equal(await clientCommand.run(['disable', id, ...d], dis.io), 0);
  assert.match(dis.text(), new RegExp(`^client ${id} disabled`));
  const json = io(dataDir);
  assert.equal(await clientCommand.run(['list', '--json', ...d], json.io), 0);
  const listed = (JSON.parse(json.text()) as { clients: { clientId: string; disabled: boolean }[] }).clients;
  assert.equal(listed.find((c) => c.clientId === id)?.disabled, true);
  assert.equal(await secretsCheck(id, second), false, 'a disabled client cannot authenticate');
  const en = io(dataDir);
  assert.equal(await clientCommand.run(['enable', id, ...d], en.io), 0);
  assert.equal(en.text(), `client ${id} enabled\n`);
  assert.ok(await secretsCheck(id, second));

  // refusals: the catalogue code and the field
  const bad = await runCli([
    'client',
    ...REGISTER(`${id}-bis`).map((a) => (a === 'https://conseil.invalid/callback' ? 'http://conseil.invalid/cb' : a)),
    ...d,
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^error CLIENT_INVALID: client\.redirectUris: "http:\/\/conseil\.invalid\/cb" must use https/m);
  const taken = await runCli(['client', ...REGISTER(id), ...d]);
  assert.match(taken.err, /^error CLIENT_EXISTS: client\.clientId: /m);
  const months = await runCli(['client', ...REGISTER(`${id}-ter`).slice(0, -1), 'douze', ...d]);
  assert.match(months.err, /^error CLIENT_INVALID: client\.retentionMonths: /m);
  const unknown = await runCli(['client', 'disable', 'nobody', ...d]);
  assert.match(unknown.err, /^error CLIENT_UNKNOWN: /m);
  const usage = await runCli(['client', 'secret', ...d]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /^error CLI_USAGE: client secret: name one client ID/m);
  return [bad.err, taken.err.replace(id, 'ID'), months.err, unknown.err, usage.err];
}

test('client register, list, secret, disable and enable: hub stopped, then hub running, same answers', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-client-'));
  try {
    // hub stopped: the command opens the file; a secret is checked by opening it again
    const stopped = await exercise(dataDir, 'conseil-energie', async (id, secret) => {
      const { openBackend } = await import('../../backend/open-backend.ts');
      const { loadConfig } = await import('../../config/load.ts');
      const b = await openBackend(loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir } }).config);
      try {
        await b.consent.clients.authenticate(id, secret);
        return true;
      } catch {
        return false;
      } finally {
        await b.close();
      }
    });
    const running = await startHub({ dataDir, port: 0, demo: false, env: {}, logLevel: 'silent' });
    try {
      const hubSide = await exercise(dataDir, 'ecowatt', async (id, secret) => {
        try {
          await running.hub.consent.clients.authenticate(id, secret);
          return true;
        } catch {
          return false;
        }
      });
      assert.deepEqual(hubSide, stopped, 'the same refusals through the hub');
      // the first client, registered from the file, is listed by the hub too
      const list = io(dataDir);
      assert.equal(await clientCommand.run(['list', '--data-dir', dataDir], list.io), 0);
      assert.match(list.text(), /^conseil-energie {2}/m);
      assert.match(list.text(), /^ecowatt {2}/m);
    } finally {
      await running.close();
    }
  } finally {
    removeDir(dataDir);
  }
});
