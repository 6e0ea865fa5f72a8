/**
 * @module server/routes/dataconnect
 * The Data Connect face: a registered client reads a household's measures on the paths and in the shapes of Enedis
 * Data Connect v5 (`/metering_data_*`), of Data Connect 2026 (`/mesure_synchrone_auto/v2/*`) and of conso.boris.sh
 * (`/api/<measure>?prm&start&end`), so a client written for them works against the hub unchanged.
 *
 * These are not session routes: each is `public` to the session hook (auth/auth-plugin.ts) and checks the bearer
 * access token itself, deny by default (no token, an unknown, expired or revoked one: 401 `900901`). The order is
 * Enedis's: the request's shape (unknown or repeated parameters: 400), the credentials (401), the client's quota (429,
 * 5 a second and 10,000 an hour as Enedis v5), the dates (400), then the consent (403 `ADAM-DC-0008`, one answer for
 * a usage point the client may not read, someone else's or an unknown one) and the data (404 `no_data_found`). Every
 * read goes through the consent access service, which writes the household's journal (use-cases/third-party/).
 *
 * The routes live in their own scope so that clients sending `Content-Type: application/x-www-form-urlencoded` with
 * an empty GET body (as some Enedis clients do) are accepted here, without giving the session routes a form parser.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCourantError } from '../../core/errors.ts';
import { answerFor } from '../../enedis/serve/answer.ts';
import {
  CONSO_NAMES,
  measureSpec,
  paramNames,
  parseDcQuery,
  type DcFace,
  type MeasureKind,
} from '../../enedis/serve/params.ts';
import {
  INVALID_CREDENTIALS,
  consoWrapped,
  invalidRequest,
  throttled,
  type DcRefusal,
} from '../../enedis/serve/refusals.ts';
import { ClientQuotas, type QuotaLimits } from '../../enedis/serve/throttle.ts';
import type { Hub } from '../../use-cases/hub.ts';
import type { ClientCaller } from '../../use-cases/oauth/types.ts';
import { readForClient } from '../../use-cases/third-party/data-connect.ts';
import { contractForClient } from '../../use-cases/third-party/contract.ts';
import { isPrm } from '../../core/prm.ts';
import { dataConnectResponses } from '../contract/dataconnect.ts';

const MEASURES: readonly MeasureKind[] = [
  'daily_consumption',
  'consumption_load_curve',
  'daily_consumption_max_power',
  'daily_production',
  'production_load_curve',
];

interface FaceRoute {
  readonly url: string;
  readonly kind: MeasureKind;
  readonly face: DcFace;
}

/** Every path served: the v5 and 2026 paths of `KINDS` (enedis/endpoints.ts), and conso.boris.sh's names. */
export function dataConnectPaths(): FaceRoute[] {
  const out: FaceRoute[] = [];
  for (const kind of MEASURES)
    for (const face of ['v5', '2026'] as const) out.push({ url: measureSpec(kind).endpoints[face].path, kind, face });
  for (const [name, kind] of Object.entries(CONSO_NAMES)) out.push({ url: `/api/${name}`, kind, face: 'conso' });
  return out;
}

/** The query a face declares: its names, each a single text (a repeated one arrives as a list and is refused). */
function querySchema(kind: MeasureKind, face: DcFace) {
  const n = paramNames(kind, face);
  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const name of [n.prm, n.start, n.end, ...Object.keys(n.extra)]) shape[name] = z.string().optional();
  return z.strictObject(shape);
}

/** The v5 contracts path: the contract facts the hub holds (subscribed power, tariff option, off-peak hours). */
export const CONTRACTS_PATH = '/customers_upc/v5/usage_points/contracts';

const BEARER = /^Bearer ([\x21-\x7e]+)$/;

export async function dataConnectRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const limits: QuotaLimits = {
    perSecond: hub.config.limits.dataConnectPerSecond,
    perHour: hub.config.limits.dataConnectPerHour,
  };
  const quotas = new ClientQuotas(limits);
  await root.register(async function dataConnectScope(scope) {
    // an empty form body on a GET: accepted and ignored (a non-empty one is refused: GETs carry no body)
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 0 },
      (_req, _body, done) => done(null, undefined),
    );
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.get(
      CONTRACTS_PATH,
      {
        config: { public: true },
        attachValidation: true,
        schema: {
          querystring: z.strictObject({ usage_point_id: z.string().optional() }),
          response: dataConnectResponses.contracts,
        },
      },
      async (req, reply) => {
        const prm = (req.query as { usage_point_id?: unknown }).usage_point_id;
        if (req.validationError || !isPrm(prm)) return send(reply, 'v5', invalidRequest('Malformed request.'));
        const caller = await admitted(hub, quotas, limits, req, reply);
        if (!caller) return reply;
        const out = await contractForClient(
          { access: hub.consent.access, ledger: hub.consent.ledger, profiles: hub.profiles },
          caller,
          prm,
        );
        return out.ok ? reply.code(200).send(out.body) : send(reply, 'v5', out.refusal);
      },
    );
    for (const r of dataConnectPaths()) {
      const responses =
        r.face === 'v5'
          ? dataConnectResponses.v5
          : r.face === '2026'
            ? dataConnectResponses.v2026
            : dataConnectResponses.conso;
      app.get(
        r.url,
        {
          config: { public: true },
          attachValidation: true,
          schema: { querystring: querySchema(r.kind, r.face), response: responses },
        },
        async (req, reply) => serve(hub, quotas, limits, r, req, reply),
      );
    }
  });
}

function send(reply: FastifyReply, face: DcFace, refusal: DcRefusal) {
  // gateway refusals (credentials, quotas) come unwrapped on every face; API refusals in conso.boris.sh's envelope
  const api = refusal.status !== 401 && refusal.status !== 429;
  const r = face === 'conso' && api ? consoWrapped(refusal) : refusal;
  return reply.code(r.status).send(r.body);
}

async function authenticate(hub: Hub, req: FastifyRequest): Promise<ClientCaller | undefined> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (token === undefined) return undefined;
  try {
    return await hub.oauth.authenticate(token);
  } catch (e) {
    if (isCourantError(e) && e.code === 'OAUTH_TOKEN_INVALID') return undefined;
    throw e;
  }
}

/** The caller if its token is good and its quota allows; otherwise the refusal is sent and undefined returned. */
async function admitted(
  hub: Hub,
  quotas: ClientQuotas,
  limits: QuotaLimits,
  req: FastifyRequest,
  reply: FastifyReply,
  face: DcFace = 'v5',
): Promise<ClientCaller | undefined> {
  const caller = await authenticate(hub, req);
  if (!caller) {
    hub.log.child('dataconnect').warn(`${req.method} ${req.url.split('?')[0]} from ${req.ip}: invalid credentials`);
    void send(reply, face, INVALID_CREDENTIALS);
    return undefined;
  }
  const now = hub.now();
  const quota = quotas.take(caller.clientId, now);
  reply.header('x-ratelimit-limit', String(limits.perHour));
  reply.header('x-ratelimit-remaining', String(quota.remaining));
  if (!quota.allowed) {
    reply.header('retry-after', String(Math.max(1, Math.ceil((quota.nextAccess - now) / 1000))));
    void send(reply, face, throttled(quota.nextAccess));
    return undefined;
  }
  return caller;
}

async function serve(
  hub: Hub,
  quotas: ClientQuotas,
  limits: QuotaLimits,
  r: FaceRoute,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const raw = req.query as Record<string, unknown>;
  if (req.validationError) {
    const p = parseDcQuery(r.kind, r.face, raw, hub.now());
    return send(reply, r.face, p.ok ? invalidRequest('Malformed request.') : p.refusal);
  }
  const caller = await admitted(hub, quotas, limits, req, reply, r.face);
  if (!caller) return reply;
  const q = parseDcQuery(r.kind, r.face, raw, hub.now());
  if (!q.ok) return send(reply, r.face, q.refusal);
  const out = await readForClient(
    { store: hub.store, access: hub.consent.access, ledger: hub.consent.ledger },
    caller,
    q.value,
  );
  if (!out.ok) return send(reply, r.face, out.refusal);
  return reply.code(200).send(answerFor(r.face, out.series));
}
