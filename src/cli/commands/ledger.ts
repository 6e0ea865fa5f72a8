/**
 * `courant ledger verify`: checks the consent ledger's hash chain and every receipt signature, and reports the
 * first broken link. Exit 0 when everything verifies, 1 (error LEDGER_BROKEN / LEDGER_BAD_SIGNATURE) otherwise.
 * `--receipt FILE` (repeatable) also checks that the event a household's receipt names is still in the ledger with
 * the same hash: this detects a truncated tail or a removed row, which the chain alone cannot see.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubGet } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { keyPath, readPublicJwk } from '../../services/consent/key-store.ts';
import { receiptMatchesEvent, verifyReceipt } from '../../consent/receipt-jws.ts';
import { verifyLedger, type LedgerReport } from '../../services/consent/ledger-service.ts';
import { openConsentAccess } from './consent-storage.ts';

const usage = 'courant ledger verify [--public-key FILE.jwk] [--receipt FILE.jws ...] [--data-dir DIR]';

export const ledgerCommand: Command = {
  name: 'ledger',
  summary: 'verify the consent ledger: hash chain and receipt signatures (first broken link)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, 'public-key': { type: 'string' }, receipt: { type: 'string', multiple: true } }, usage, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new CourantError('CLI_USAGE', `expected the sub-command "verify"\nusage: ${usage}`);
    const config = cliConfig(values, io);
    const access = await openConsentAccess(config);
    let report: LedgerReport;
    const receiptProblems: string[] = [];
    if (access.kind === 'hub') {
      if (values.receipt?.length) throw new CourantError('STORE_LOCKED', '--receipt needs direct access to the ledger; stop the hub first');
      report = await hubGet<LedgerReport>(`${access.url}/api/admin/ledger/verify`);
    } else {
      try {
        const count = (await access.repo.head())?.seq ?? 0;
        let jwk: JWK | undefined;
        if (values['public-key']) {
          try {
            jwk = JSON.parse(readFileSync(values['public-key'], 'utf8')) as JWK;
          } catch (cause) {
            throw new CourantError('KEYSTORE_UNREADABLE', `--public-key ${values['public-key']}: ${(cause as Error).message}`, { cause });
          }
        } else if (existsSync(keyPath(config.dataDir))) jwk = await readPublicJwk(config.dataDir);
        else if (count > 0) throw new CourantError('KEYSTORE_UNREADABLE', `${keyPath(config.dataDir)} is missing; pass --public-key with the hub's public JWK`);
        report = jwk ? await verifyLedger(access.repo, jwk) : { chain: { ok: true, count: 0, head: '0'.repeat(64) }, receipts: { checked: 0 } };
        if (values.receipt?.length) {
          if (!jwk) throw new CourantError('KEYSTORE_UNREADABLE', 'no public key to verify --receipt with; pass --public-key');
          const events = await access.repo.events();
          for (const file of values.receipt) {
            const p = await verifyReceipt(readFileSync(file, 'utf8').trim(), jwk);
            const e = events.find((x) => x.eventId === p.receipt_id);
            const problem = e ? receiptMatchesEvent(p, e) : `event ${p.receipt_id} (seq ${p['hub:event'].seq}) is missing from the ledger`;
            if (problem) receiptProblems.push(`${file}: ${problem}`);
          }
        }
      } finally {
        await access.close();
      }
    }
    const c = report.chain;
    io.stdout.write(`ledger: ${c.count} event(s)\n`);
    if (!c.ok) throw new CourantError('LEDGER_BROKEN', `first broken link at seq ${c.seq} (event ${c.eventId}): ${c.problem}`);
    io.stdout.write(`chain: ok, head ${c.head}\n`);
    const bad = report.receipts.firstBad;
    if (bad) throw new CourantError('LEDGER_BAD_SIGNATURE', `receipt of seq ${bad.seq} (event ${bad.eventId}): ${bad.problem}`);
    io.stdout.write(`receipts: ${report.receipts.checked} signature(s) verified\n`);
    if (receiptProblems.length) throw new CourantError('LEDGER_BROKEN', `a household receipt does not match the ledger (rows removed or truncated): ${receiptProblems[0]}`);
    if (values.receipt?.length) io.stdout.write(`household receipts: ${values.receipt.length} found in the ledger\n`);
    return 0;
  },
};
