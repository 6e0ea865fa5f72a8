/**
 * @module use-cases/consent/occupancy-service
 * Who lives where, as the operator records it: a household moves in at a usage point (`occupancy-started`) and moves
 * out (`moved-out`, through the rights service's move-out: consents end, its readings are purged). Each is a ledger
 * event with a signed receipt. The CLI (`courant household move-in|move-out`) and the admin routes
 * (`POST /api/admin/occupancies`, `POST /api/admin/occupancies/end`) are thin layers over these two methods.
 *
 * `from` earlier than now is the operator's statement that the household already lived there since then: it reads
 * what the hub holds from that instant (its own data), never from before (R19). It may not reach back into an earlier
 * household's stay, nor lie in the future. `at` earlier than now ends the stay then, and the purge stops there.
 */
import { CourantError } from '../../core/errors.ts';
import { isPrm, type Prm } from '../../core/prm.ts';
import { parseInstant } from '../../core/range.ts';
import type { Account } from '../../accounts/accounts.ts';
import type { Actor } from '../../consent/model.ts';
import type { AccountsService } from '../accounts/accounts-service.ts';
import type { ConsentHub } from './index.ts';
import type { Appended, LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';
import type { RightsService } from './rights-service.ts';

export interface MovedIn extends Appended {
  readonly prm: Prm;
  readonly username: string;
  /** Start of the stay: what the household may read begins here. */
  readonly from: number;
}

export interface MovedOut extends Appended {
  readonly prm: Prm;
  readonly username: string | null;
  /** End of the stay. */
  readonly at: number;
  /** Readings purged with the move-out. */
  readonly deleted: number;
}

const iso = (t: number) => new Date(t).toISOString();

function requireOperator(actor: Actor): void {
  if (actor.kind !== 'operator')
    throw new CourantError('AUTH_FORBIDDEN', 'only the hub operator records who lives at a usage point');
}

function prmOf(v: unknown): Prm {
  if (!isPrm(v))
    throw new CourantError(
      'INPUT_INVALID_PRM',
      `occupancy.prm: ${JSON.stringify(v ?? null)} is not a 14-digit usage point`,
      { details: { where: 'occupancy.prm' } },
    );
  return v;
}

/** An instant no later than now (a move is recorded on or after the day it happens), or undefined when absent. */
function pastInstant(v: unknown, where: 'from' | 'at', now: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  const t = parseInstant(v, `occupancy.${where}`);
  if (t > now)
    throw new CourantError(
      'INPUT_INVALID_DATE',
      `occupancy.${where}: ${iso(t)} is in the future; record the move on or after the day it happens`,
      { details: { where: `occupancy.${where}` } },
    );
  return t;
}

export class OccupancyService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly accounts: AccountsService,
    private readonly rights: RightsService,
    private readonly refusals: RefusalLog,
  ) {}

  private get now(): number {
    return this.ledger.clock.now();
  }

  /** The household account named `username`, or the refusal naming the field. */
  private async household(username: unknown): Promise<Omit<Account, 'passwordHash'>> {
    if (typeof username !== 'string' || username.trim() === '')
      throw new CourantError('INPUT_INVALID', "occupancy.username: the household's username is required", {
        details: { where: 'occupancy.username' },
      });
    const a = await this.accounts.byUsername(username);
    if (!a)
      throw new CourantError(
        'ACCOUNT_UNKNOWN',
        `occupancy.username: no account is named ${JSON.stringify(username.trim())}`,
        { details: { where: 'occupancy.username' } },
      );
    if (a.role !== 'household')
      throw new CourantError(
        'ACCOUNT_NOT_HOUSEHOLD',
        `occupancy.username: ${JSON.stringify(a.username)} is not a household (its role is ${a.role}); only a household lives at a usage point`,
        { details: { where: 'occupancy.username' } },
      );
    if (a.disabled)
      throw new CourantError(
        'ACCOUNT_NOT_HOUSEHOLD',
        `occupancy.username: the account ${JSON.stringify(a.username)} is disabled`,
        { details: { where: 'occupancy.username' } },
      );
    return a;
  }

  /** The operator records that a household moved in at `prm`, now or since `from`. */
  moveIn(actor: Actor, input: { prm: unknown; username: unknown; from?: unknown }): Promise<MovedIn> {
    const now = this.now;
    return this.refusals.guard(actor, 'occupancy.move-in', now, async () => {
      requireOperator(actor);
      const prm = prmOf(input.prm);
      const since = pastInstant(input.from, 'from', now);
      const account = await this.household(input.username);
      const a = await this.ledger.append(actor, (state, at) => {
        if (state.occupantAt(prm, at))
          throw new CourantError(
            'OCCUPANCY_TAKEN',
            `occupancy.prm: usage point ${prm} already has an occupant; record its move-out first`,
            { details: { where: 'occupancy.prm' } },
          );
        const last = state.occupancy.get(prm)?.at(-1);
        if (since !== undefined && last?.to !== undefined && since < last.to) {
          throw new CourantError(
            'OCCUPANCY_TAKEN',
            `occupancy.from: ${iso(since)} is before the previous household left usage point ${prm} (${iso(last.to)}); a household never reads another's days`,
            { details: { where: 'occupancy.from' } },
          );
        }
        return {
          type: 'occupancy-started',
          prm,
          subject: account.accountId,
          ...(since !== undefined && since < at ? { since } : {}),
        };
      });
      return {
        ...a,
        prm,
        username: account.username,
        from: this.ledger.state.currentOccupancy(prm, account.accountId)?.from ?? a.event.at,
      };
    });
  }

  /** The operator records that the household living at `prm` moved out, now or at `at`: its consents end, its readings
   * are purged.
   */
  moveOut(actor: Actor, input: { prm: unknown; at?: unknown }): Promise<MovedOut> {
    const now = this.now;
    return this.refusals.guard(actor, 'occupancy.move-out', now, async () => {
      await this.ledger.catchUp();
      requireOperator(actor);
      const prm = prmOf(input.prm);
      const until = pastInstant(input.at, 'at', now);
      const occ = this.ledger.state.occupantAt(prm, now);
      if (!occ)
        throw new CourantError(
          'OCCUPANCY_NONE',
          `occupancy.prm: no household lives at usage point ${prm}; there is no move-out to record`,
          { details: { where: 'occupancy.prm' } },
        );
      const a = await this.rights.moveOut(actor, prm, { until });
      const ended = this.ledger.state.occupancy.get(prm)?.at(-1);
      const account = await this.accounts.byId(occ.subject);
      return { ...a, prm, username: account?.username ?? null, at: ended?.to ?? a.event.at };
    });
  }
}

/** The occupancy service over a consent hub's ledger, accounts and rights (cheap: it holds no state of its own). */
export function occupancyService(c: Pick<ConsentHub, 'ledger' | 'accounts' | 'rights' | 'refusals'>): OccupancyService {
  return new OccupancyService(c.ledger, c.accounts, c.rights, c.refusals);
}
