/**
 * @module use-cases/oauth/client-service
 * The operator registers third-party clients; the secret is generated here, shown once and stored as an argon2id
 * hash (@node-rs/argon2, the accounts' parameters). The registry is kept in memory (clients are few) and exposed to
 * the consent rules as their recipient directory, so a consent can only name a registered, enabled client.
 * On a repository shared by several hub instances, the registry is read again (`refresh`, one query: clients are few)
 * before each client authentication and bearer check, so a client disabled or a secret rotated on one instance is
 * refused on every other at its next request.
 */
import { hash as argonHash, verify as argonVerify, type Options } from '@node-rs/argon2';
import { CourantError } from '../../core/errors.ts';
import { randomToken, timingSafeEqualStr } from '../../accounts/accounts.ts';
import type { Actor, RecipientDeclaration } from '../../consent/model.ts';
import { declarationOf, validateClient, type StoredClient } from '../../oauth/clients.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import type { Clock } from '../consent/ledger-service.ts';

// Argon2id is 2 in the library's const enum, which isolated modules cannot import as a value.
const ARGON: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Verified against when the client is unknown, so the answer takes the same time either way (made on first use). */
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= argonHash('courant-no-such-client', ARGON));

const MAX_VERIFYING = 2;
const MAX_WAITING = 64;

export interface Registered {
  readonly client: Omit<StoredClient, 'secretHash'>;
  /** Shown once: never stored, never logged. */
  readonly secret: string;
}

export type PublicClient = Omit<StoredClient, 'secretHash'>;
const publicOf = ({ secretHash: _s, ...c }: StoredClient): PublicClient => c;

function requireOperator(actor: Actor): void {
  if (actor.kind !== 'operator')
    throw new CourantError('AUTH_FORBIDDEN', 'only the operator registers or changes third-party clients');
}

export class ClientService {
  private readonly byId = new Map<string, StoredClient>();
  /** The consent rules' recipients: registered clients that are enabled. Live: registrations show at once. */
  readonly directory = new Map<string, RecipientDeclaration>();

  private constructor(
    readonly repo: ClientRepository,
    private readonly clock: Clock,
  ) {}

  static async open(repo: ClientRepository, clock: Clock): Promise<ClientService> {
    const s = new ClientService(repo, clock);
    for (const c of await repo.clients()) s.remember(c);
    return s;
  }

  private remember(c: StoredClient): void {
    this.byId.set(c.clientId, c);
    if (c.disabled) this.directory.delete(c.clientId);
    else this.directory.set(c.clientId, declarationOf(c));
  }

  /** On a repository other hub instances share: read the registry again (registrations, rotations, disablements). */
  async refresh(): Promise<void> {
    if (!this.repo.sharedByInstances) return;
    for (const c of await this.repo.clients()) this.remember(c);
  }

  get(clientId: string): StoredClient | undefined {
    return this.byId.get(clientId);
  }

  list(): PublicClient[] {
    return [...this.byId.values()].map(publicOf);
  }

  async register(actor: Actor, input: Record<string, unknown>): Promise<Registered> {
    requireOperator(actor);
    const reg = validateClient(input);
    const secret = randomToken();
    const stored: StoredClient = {
      ...reg,
      secretHash: await argonHash(secret, ARGON),
      createdAt: this.clock.now(),
      disabled: false,
    };
    await this.repo.insertClient(stored);
    this.remember(stored);
    return { client: publicOf(stored), secret };
  }

  /** A new secret (the old one stops working at once), shown once. */
  async rotateSecret(actor: Actor, clientId: string): Promise<Registered> {
    requireOperator(actor);
    const c = this.known(clientId);
    const secret = randomToken();
    const next = { ...c, secretHash: await argonHash(secret, ARGON) };
    await this.repo.updateClient(clientId, { secretHash: next.secretHash });
    this.remember(next);
    return { client: publicOf(next), secret };
  }

  async setDisabled(actor: Actor, clientId: string, disabled: boolean): Promise<PublicClient> {
    requireOperator(actor);
    const next = { ...this.known(clientId), disabled };
    await this.repo.updateClient(clientId, { disabled });
    this.remember(next);
    return publicOf(next);
  }

  private known(clientId: string): StoredClient {
    const c = this.byId.get(clientId);
    if (!c) throw new CourantError('CLIENT_UNKNOWN', `client ${JSON.stringify(clientId)} is not registered`);
    return c;
  }

  /** Verifications running now, and those waiting for a slot (argon2id takes 19 MiB and ~30 ms each). */
  private verifying = 0;
  private readonly waiting: (() => void)[] = [];

  /** At most MAX_VERIFYING argon2id verifications at once: a flood of token requests queues instead of exhausting
   *  memory; a queue longer than MAX_WAITING is refused at once (the client retries, as after any invalid_client). */
  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.verifying >= MAX_VERIFYING) {
      if (this.waiting.length >= MAX_WAITING)
        throw new CourantError('OAUTH_INVALID_CLIENT', 'client authentication failed (too many at once)');
      await new Promise<void>((r) => this.waiting.push(r));
    }
    this.verifying++;
    try {
      return await fn();
    } finally {
      this.verifying--;
      this.waiting.shift()?.();
    }
  }

  /** The enabled client these credentials belong to. One answer (OAUTH_INVALID_CLIENT) for every failure. */
  async authenticate(clientId: unknown, secret: unknown): Promise<StoredClient> {
    await this.refresh();
    const c = typeof clientId === 'string' ? this.byId.get(clientId) : undefined;
    const ok =
      typeof secret === 'string' &&
      secret.length <= 512 &&
      (await this.slot(async () => argonVerify(c?.secretHash ?? (await dummyHash()), secret).catch(() => false)));
    if (!c || !ok || c.disabled || !timingSafeEqualStr(c.clientId, String(clientId))) {
      throw new CourantError('OAUTH_INVALID_CLIENT', 'client authentication failed');
    }
    return c;
  }
}
