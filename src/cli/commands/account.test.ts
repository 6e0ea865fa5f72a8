// `courant account` on a real DuckDB file: the owner gets the held usage point, the password never comes from argv.
import { loadOrCreateSigningKey } from '../../adapters/keys/file-key-store.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { accountCommand } from './account.ts';
import { openStorage } from '../../backend/open-storage.ts';
import { openConsentHub } from '../../use-cases/consent/index.ts';
import { loadDemoIfEmpty } from '../../adapters/demo/demo.ts';
import { DEMO_PRM } from '../../core/prm.ts';

const io = (stdin: string, dataDir: string) => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  return {
    io: { stdout: out, stderr: new PassThrough(), stdin: Readable.from([stdin]), env: {}, cwd: dataDir },
    text: () => text,
  };
};

test('create-owner reads the password from stdin, attaches the demo usage point, and cannot run twice', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-account-'));
  const s = await openStorage({ dataDir });
  await loadDemoIfEmpty(s.store);
  await s.store.close();
  const a = io('une phrase assez longue\n', dataDir);
  assert.equal(await accountCommand.run(['create-owner', '--username', 'Foyer', '--data-dir', dataDir], a.io), 0);
  assert.match(a.text(), /owner foyer created; usage points: 99999999999901/);
  await assert.rejects(
    accountCommand.run(
      ['create-owner', '--username', 'autre', '--data-dir', dataDir],
      io('une autre phrase longue\n', dataDir).io,
    ),
    /AUTH_SETUP_DONE|already exists/,
  );
  const op = io('mot de passe operateur\n', dataDir);
  assert.equal(
    await accountCommand.run(['create', '--role', 'operator', '--username', 'admin', '--data-dir', dataDir], op.io),
    0,
  );
  await assert.rejects(
    accountCommand.run(
      ['create', '--role', 'king', '--username', 'x', '--data-dir', dataDir],
      io('whatever whatever\n', dataDir).io,
    ),
    /CLI_USAGE|--role/,
  );
  await assert.rejects(
    accountCommand.run(
      ['create', '--role', 'household', '--username', 'short', '--data-dir', dataDir],
      io('short\n', dataDir).io,
    ),
    /account\.password/,
  );

  const r = await openStorage({ dataDir });
  try {
    const hub = await openConsentHub({
      repositories: r.repositories,
      readings: r.store,
      key: await loadOrCreateSigningKey(dataDir),
    });
    const owner = await hub.accounts.login('foyer', 'une phrase assez longue', 'test');
    assert.equal(owner.actor.kind, 'household');
    assert.equal(hub.ledger.state.occupantAt(DEMO_PRM, Date.now())?.subject, owner.actor.id);
    assert.ok(
      hub.ledger.state.occupantAt(DEMO_PRM, Date.now())!.from < Date.UTC(2007, 0, 1),
      'occupancy from the first held value',
    );
    assert.equal((await hub.accounts.login('admin', 'mot de passe operateur', 'test')).actor.kind, 'operator');
  } finally {
    await r.store.close();
  }
});
