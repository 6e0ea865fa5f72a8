/**
 * `courant ledger acknowledge --reason TEXT`: an operator accepts the damage ledger verification finds, so the hub
 * takes ledger events again. The acknowledgement is a signed event appended to the ledger (see
 * use-cases/consent/ledger-acknowledge.ts). With the hub stopped it opens the file and signs with the key in the data
 * dir; while the hub runs it asks the hub's local API (POST /api/admin/ledger/acknowledge) with the local token.
 */
import type { CliIo } from '../command.ts';
import { hubPost } from '../hub-access.ts';
import type { Config } from '../../config/schema.ts';
import { damageLabel } from '../../consent/ledger-report.ts';
import type { Actor } from '../../consent/model.ts';
import { keyPath, readSigningKey } from '../../backend/doors/keys.ts';
import { LedgerService, type Acknowledged } from '../../use-cases/consent/ledger-service.ts';
import { consentConfigOf, openConsentAccess } from './consent-storage.ts';

/** The machine's administrator at the command line; the hub's local token acts as the same operator. */
const LOCAL_OPERATOR: Actor = Object.freeze({ kind: 'operator', id: 'local-cli' });

export async function acknowledgeLedger(config: Readonly<Config>, reason: string, io: CliIo): Promise<number> {
  const access = await openConsentAccess(config);
  let done: Acknowledged;
  if (access.kind === 'hub') {
    done = await hubPost<Acknowledged>(`${access.url}/api/admin/ledger/acknowledge`, { reason });
  } else {
    try {
      const key = await readSigningKey(keyPath(config.dataDir));
      const consent = consentConfigOf(config);
      const ledger = await LedgerService.open({
        repo: access.repo,
        key,
        issuer: consent.controller.name,
        retentionMonths: () => consent.retention.fineMonths,
      });
      done = await ledger.acknowledge(LOCAL_OPERATOR, reason);
    } finally {
      await access.close();
    }
  }
  const a = done.acknowledgement;
  for (const c of a.covers) io.stdout.write(`acknowledged: ${damageLabel(c)}\n`);
  if (a.setAside)
    io.stdout.write(
      `damaged rows kept in table ${a.setAside}; the readable rows were copied into a new consent_ledger\n`,
    );
  io.stdout.write(`acknowledgement recorded as seq ${a.seq} (event ${a.eventId}) by ${a.by}\n`);
  io.stdout.write(`ledger: ${done.report.status}\n`);
  return 0;
}
