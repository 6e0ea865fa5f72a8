/**
 * `courant ledger verify`: checks every row of the consent ledger (JSON, hash chain, receipt signature) and names
 * each damaged seq with its kind. Exit 0 when everything verifies or every break was acknowledged, 1 otherwise with
 * the first unacknowledged break's code (LEDGER_BROKEN, LEDGER_UNREADABLE, LEDGER_BAD_SIGNATURE).
 * `--receipt FILE` (repeatable) also checks that the event a household's receipt names is still in the ledger with
 * the same hash: this detects a truncated tail or a removed row, which the chain alone cannot see. While the hub holds
 * the database it asks the hub (GET /api/admin/ledger/verify, POST /api/admin/ledger/receipts) with the local token.
 * `courant ledger acknowledge --reason TEXT`: see ledger-acknowledge.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { CliIo, Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubGet, hubPost } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { keyPath, readPublicJwk } from '../../backend/doors/keys.ts';
import { verifyReceipt } from '../../consent/receipt-jws.ts';
import { breakLines, errorCodeOf, firstBreakMessage } from '../../consent/ledger-report.ts';
import { verifyLedger, type LedgerReport } from '../../use-cases/consent/ledger-service.ts';
import { checkReceipts, type ReceiptCheck } from '../../use-cases/consent/receipt-check.ts';
import { openConsentAccess } from './consent-storage.ts';
import { acknowledgeLedger } from './ledger-acknowledge.ts';

const usage =
  'courant ledger verify [--public-key FILE.jwk] [--receipt FILE.jws ...] [--data-dir DIR] [--config FILE]\n       courant ledger acknowledge --reason TEXT [--data-dir DIR] [--config FILE]';

const OPTIONS = {
  ...COMMON_OPTIONS,
  'public-key': { type: 'string' },
  receipt: { type: 'string', multiple: true },
  reason: { type: 'string' },
} as const;

export const ledgerCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS, usage, true);
    const sub = positionals[0];
    if ((sub !== 'verify' && sub !== 'acknowledge') || positionals.length !== 1)
      throw new CourantError('CLI_USAGE', `expected the sub-command "verify" or "acknowledge"\nusage: ${usage}`);
    if (sub === 'verify' && values.reason !== undefined)
      throw new CourantError('CLI_USAGE', `--reason belongs to "courant ledger acknowledge"\nusage: ${usage}`);
    if (sub === 'acknowledge') {
      if (values.receipt !== undefined || values['public-key'] !== undefined)
        throw new CourantError(
          'CLI_USAGE',
          `--receipt and --public-key belong to "courant ledger verify"\nusage: ${usage}`,
        );
      if (values.reason === undefined)
        throw new CourantError(
          'CLI_USAGE',
          `acknowledge needs --reason TEXT: why the damage is accepted (what happened, what was restored or lost)\nusage: ${usage}`,
        );
      return acknowledgeLedger(cliConfig(values, io), values.reason, io);
    }
    return verify(values, io);
  },
};

async function verify(
  values: {
    'data-dir'?: string | undefined;
    config?: string | undefined;
    'public-key'?: string | undefined;
    receipt?: string[] | undefined;
  },
  io: CliIo,
): Promise<number> {
  const config = cliConfig(values, io);
  const receipts = (values.receipt ?? []).map((file) => ({ file, jws: readFileSync(file, 'utf8').trim() }));
  let given: JWK | undefined;
  if (values['public-key']) {
    try {
      given = JSON.parse(readFileSync(values['public-key'], 'utf8')) as JWK;
    } catch (cause) {
      throw new CourantError(
        'KEYSTORE_UNREADABLE',
        `--public-key ${values['public-key']}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  const access = await openConsentAccess(config);
  let report: LedgerReport;
  let checks: readonly ReceiptCheck[] = [];
  if (access.kind === 'hub') {
    report = await hubGet<LedgerReport>(`${access.url}/api/admin/ledger/verify`);
    if (receipts.length) {
      // the hub checks the signatures with its own key; a key given here is the one the household trusts: it must
      // verify them too
      if (given) for (const r of receipts) await verifyReceipt(r.jws, given);
      checks = (
        await hubPost<{ results: ReceiptCheck[] }>(`${access.url}/api/admin/ledger/receipts`, {
          receipts: receipts.map((r) => r.jws),
        })
      ).results;
    }
  } else {
    try {
      const jwk = given ?? (existsSync(keyPath(config.dataDir)) ? await readPublicJwk(config.dataDir) : undefined);
      report = await verifyLedger(access.repo, jwk);
      if (!jwk && report.lastSeq > 0)
        throw new CourantError(
          'KEYSTORE_UNREADABLE',
          `${keyPath(config.dataDir)} is missing; pass --public-key with the hub's public JWK`,
        );
      if (receipts.length) {
        if (!jwk)
          throw new CourantError('KEYSTORE_UNREADABLE', 'no public key to verify --receipt with; pass --public-key');
        checks = await checkReceipts(
          await access.repo.events(),
          jwk,
          receipts.map((r) => r.jws),
        );
      }
    } finally {
      await access.close();
    }
  }
  const receiptProblems = checks.flatMap((c, i) => (c.problem ? [`${receipts[i]!.file}: ${c.problem}`] : []));
  io.stdout.write(`ledger: ${report.count} event(s)\n`);
  for (const line of breakLines(report)) io.stdout.write(`${line}\n`);
  const first = report.firstBreak;
  if (first) throw new CourantError(errorCodeOf(first.kind), firstBreakMessage(first));
  const head = report.head?.hash ?? '0'.repeat(64);
  io.stdout.write(
    report.status === 'ok' ? `chain: ok, head ${head}\n` : `chain: ok apart from acknowledged damage, head ${head}\n`,
  );
  io.stdout.write(`receipts: ${report.receipts.checked} signature(s) verified\n`);
  if (receiptProblems.length)
    throw new CourantError(
      'LEDGER_BROKEN',
      `a household receipt does not match the ledger (rows removed or truncated): ${receiptProblems[0]}`,
    );
  if (values.receipt?.length) io.stdout.write(`household receipts: ${values.receipt.length} found in the ledger\n`);
  return 0;
}
