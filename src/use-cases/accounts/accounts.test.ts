// Accounts on a real DuckDB file with real argon2id hashes: first-start set-up, login without account enumeration,
// throttling, sessions stored hashed, CSRF, password change revoking other sessions, rectification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../../core/errors.ts';
import { sha256Hex, utf8 } from '../../consent/canonical.ts';
import { sessionCookieOptions } from '../../accounts/accounts.ts';
import { OPERATOR, T0, openTestHub, removeDir } from '../consent/test-support.ts';

const code = (c: string) => (e: unknown) => isCourantError(e) && e.code === c;

test('accounts: set-up once, argon2id, uniform login failures, throttling, hashed sessions, CSRF, password change, rectification', async () => {
  const hub = await openTestHub({ start: T0 });
  const a = hub.accounts;
  try {
    assert.equal(await a.needsSetup(), true);
    const owner = await a.setupOwner({
      username: 'Famille.Martin',
      password: 'correct horse battery',
      email: 'martin@example.invalid',
    });
    assert.equal(owner.kind, 'household');
    await assert.rejects(
      a.setupOwner({ username: 'intrus', password: 'another long password' }),
      code('AUTH_SETUP_DONE'),
    );
    assert.equal(await a.needsSetup(), false);
    await assert.rejects(
      a.createAccount(owner, { username: 'conseil', password: 'x'.repeat(16), role: 'recipient' }),
      code('AUTH_FORBIDDEN'),
    );
    await assert.rejects(
      a.createAccount(OPERATOR, { username: 'court', password: 'short', role: 'recipient' }),
      code('INPUT_INVALID'),
    );

    // unknown user and wrong password give the same answer
    const e1 = await a.login('personne', 'correct horse battery', '10.0.0.1').catch((e) => e);
    const e2 = await a.login('famille.martin', 'wrong horse battery', '10.0.0.1').catch((e) => e);
    assert.ok(code('AUTH_INVALID_CREDENTIALS')(e1) && code('AUTH_INVALID_CREDENTIALS')(e2));
    assert.equal(e1.message, e2.message);

    const s = await a.login('famille.martin', 'correct horse battery', '10.0.0.1');
    assert.deepEqual(s.actor, owner);
    const auth = await a.authenticate(s.token);
    assert.equal(auth.account.username, 'famille.martin');
    assert.equal((auth.account as Record<string, unknown>).passwordHash, undefined, 'hash never leaves the service');
    assert.equal(auth.session.tokenHash, await sha256Hex(utf8(s.token)), 'only the token hash is stored');
    const row = (
      await (await hub.storage.db.connect()).runAndReadAll('SELECT password_hash FROM auth_accounts')
    ).getRows()[0]![0] as string;
    assert.match(row, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // CSRF on every state-changing request
    assert.throws(() => a.checkCsrf(auth, undefined), code('AUTH_CSRF'));
    assert.throws(() => a.checkCsrf(auth, s.csrf.slice(0, -1) + (s.csrf.endsWith('A') ? 'B' : 'A')), code('AUTH_CSRF'));
    a.checkCsrf(auth, s.csrf);
    assert.equal(hub.refusals.recent.filter((r) => r.code === 'AUTH_CSRF').length, 2, 'CSRF refusals are logged');

    // rectification (art. 16)
    await a.rectify(auth, { displayName: 'Famille Martin-Durand', email: 'md@example.invalid' });
    assert.equal((await a.authenticate(s.token)).account.displayName, 'Famille Martin-Durand');
    await assert.rejects(a.rectify(auth, { email: 'not-an-email' }), code('INPUT_INVALID'));

    // password change revokes the other sessions, keeps this one
    const other = await a.login('famille.martin', 'correct horse battery', '10.0.0.2');
    await a.changePassword(auth, 'correct horse battery', 'a brand new passphrase');
    await assert.rejects(a.authenticate(other.token), code('AUTH_SESSION_INVALID'));
    await a.authenticate(s.token);
    await assert.rejects(
      a.login('famille.martin', 'correct horse battery', '10.0.0.3'),
      code('AUTH_INVALID_CREDENTIALS'),
    );

    // throttling: 5 failures per account in 15 minutes, then refused even with the right password
    for (let i = 0; i < 4; i++)
      await assert.rejects(
        a.login('famille.martin', 'nope nope nope', `10.1.0.${i}`),
        code('AUTH_INVALID_CREDENTIALS'),
      );
    await assert.rejects(a.login('famille.martin', 'a brand new passphrase', '10.9.9.9'), code('AUTH_RATE_LIMITED'));
    hub.clock.advance(15 * 60_000);
    await a.login('famille.martin', 'a brand new passphrase', '10.9.9.9');

    // sessions expire; logout revokes
    await a.logout(s.token);
    await assert.rejects(a.authenticate(s.token), code('AUTH_SESSION_INVALID'));
    await assert.rejects(a.authenticate('forged-token-forged-token'), code('AUTH_SESSION_INVALID'));
    const late = await a.login('famille.martin', 'a brand new passphrase', '10.9.9.9');
    hub.clock.advance(13 * 3_600_000);
    await assert.rejects(a.authenticate(late.token), code('AUTH_SESSION_INVALID'));
    assert.deepEqual(sessionCookieOptions(true), {
      httpOnly: true,
      sameSite: 'strict',
      secure: true,
      path: '/',
      maxAge: 43_200,
    });
  } finally {
    await hub.close();
    removeDir(hub.dir);
  }
});
