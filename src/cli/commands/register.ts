/**
 * `courant register`: prints the record of processing activities (GDPR art. 30) as Markdown, generated from the
 * configuration and the consent ledger: from the file with the hub stopped, from the hub's GET /api/admin/register
 * (local token) while it runs.
 */
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubText } from '../hub-access.ts';
import { renderRegister } from '../../consent/register.ts';
import { ConsentState } from '../../consent/state.ts';
import { declarationOf } from '../../oauth/clients.ts';
import { consentConfigOf, openConsentAccess } from './consent-storage.ts';

const usage = 'courant register [--data-dir DIR] [--config FILE]';

export const registerCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parse(argv, { ...COMMON_OPTIONS }, usage);
    const config = cliConfig(values, io);
    const access = await openConsentAccess(config);
    if (access.kind === 'hub') {
      // the hub renders it from the same configuration and ledger (GET /api/admin/register, local token as the
      // operator)
      io.stdout.write(await hubText(`${access.url}/api/admin/register`));
      return 0;
    }
    try {
      const events = await access.repo.events();
      const state = ConsentState.from(events);
      const legal = (await access.repo.legalRequests()).length;
      io.stdout.write(
        renderRegister({
          config: consentConfigOf(config),
          recipients: (await access.clients.clients()).filter((c) => !c.disabled).map(declarationOf),
          state,
          now: Date.now(),
          ledgerHead: events.at(-1)?.hash,
          legalRequests: legal,
        }),
      );
    } finally {
      await access.close();
    }
    return 0;
  },
};
