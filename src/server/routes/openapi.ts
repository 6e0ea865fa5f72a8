/**
 * @module server/routes/openapi
 * `GET /openapi.json` (public): the OpenAPI 3.1 document of the third-party API, for integrators — the OAuth2
 * endpoints (routes/oauth.ts) and the Data Connect data routes (routes/dataconnect.ts). It is built from the routes'
 * own zod schemas (`z.toJSONSchema`), as scripts/gen-api-schema.ts builds docs/api-schema.json for the whole API, but
 * at run time and without @fastify/swagger (a development dependency). Prose: docs/third-party.md.
 *
 * This plugin must be registered before the routes it describes: it sees them through an `onRoute` hook on the API
 * scope, which the scopes registered after it (the OAuth and Data Connect ones) inherit.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERSION } from '../../core/version.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { openApiResponses, type OpenApiDocument } from '../contract/openapi.ts';
import { noQuery } from '../schemas.ts';
import { dataConnectPaths } from './dataconnect.ts';

/** The authorisation server's paths (Enedis Data Connect's own), with what each is for. */
export const OAUTH_PATHS: Readonly<Record<string, { summary: string; description: string }>> = {
  '/dataconnect/v1/oauth2/authorize': {
    summary: 'Send the household to its consent screen',
    description:
      'The household opens this address in its browser (response_type=code, client_id, redirect_uri, state, ' +
      'duration (ISO 8601, default P1Y, at most P3Y), code_challenge and code_challenge_method=S256). The hub answers ' +
      'with a redirect to its consent screen; after the household decides, it is sent back to redirect_uri with ' +
      'code, state and usage_point_id, or with error and error_description. An unknown client or redirect URI is ' +
      'never redirected to.',
  },
  '/oauth2/v3/token': {
    summary: 'Get an access token',
    description:
      'grant_type=authorization_code (code, redirect_uri, code_verifier) or grant_type=client_credentials. Client ' +
      'credentials in HTTP Basic, the form body or the query string. Answers a short-lived Bearer access token.',
  },
  '/oauth2/v3/revoke': {
    summary: 'Revoke an access token',
    description: 'RFC 7009: token=<access token>, with the client credentials. Answers {} whether or not it was known.',
  },
};

const FACE_WORDS = { v5: 'Enedis Data Connect v5', '2026': 'Enedis Data Connect 2026', conso: 'conso.boris.sh' };

/** The paths the document describes: the OAuth endpoints and every Data Connect path. */
export function thirdPartyPaths(): string[] {
  return [...Object.keys(OAUTH_PATHS), ...dataConnectPaths().map((r) => r.url)];
}

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1), its named parts moved to `components.schemas`. */
function jsonSchema(schema: unknown, io: 'input' | 'output', components: Record<string, unknown>): Json | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete s.$schema;
  const defs = (s.$defs ?? {}) as Record<string, unknown>;
  delete s.$defs;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const o: Json = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string') continue; // a zod `meta({ id })` beside its schema
        o[k] = k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : rewrite(x);
      }
      return o;
    }
    return v;
  };
  for (const [name, d] of Object.entries(defs)) components[name] = rewrite(d);
  return rewrite(s) as Json;
}

function parameters(schema: Json | undefined, where: 'query' | 'path'): Json[] {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly schema: RouteOptions['schema'];
}

/** The OpenAPI document of the routes seen, limited to the third-party paths. */
export function openApiDocument(routes: readonly Seen[]): OpenApiDocument {
  const components: Record<string, unknown> = {};
  const wanted = new Set(thirdPartyPaths());
  const faces = new Map(dataConnectPaths().map((r) => [r.url, r]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (!wanted.has(r.url) || r.method === 'HEAD') continue;
    const sc = (r.schema ?? {}) as Record<string, unknown>;
    const query = jsonSchema(sc.querystring, 'input', components);
    const body = jsonSchema(sc.body, 'input', components);
    const responses: Json = {};
    for (const [status, s] of Object.entries((sc.response ?? {}) as Record<string, unknown>)) {
      const j = jsonSchema(s, 'output', components);
      responses[status.toUpperCase()] = {
        description: status.startsWith('2') ? 'success' : status.startsWith('3') ? 'redirect' : 'refusal',
        ...(j && j.type !== 'null' ? { content: { 'application/json': { schema: j } } } : {}),
      };
    }
    const face = faces.get(r.url);
    const oauth = OAUTH_PATHS[r.url];
    const op: Json = {
      ...(face
        ? {
            tags: ['Data Connect'],
            summary: `${face.kind.replaceAll('_', ' ')} (${FACE_WORDS[face.face]})`,
            description:
              'Measures of a usage point the household consented to share with this client, in the shape of ' +
              `${FACE_WORDS[face.face]}. Days are Paris civil days, [start, end[. Refusals have Enedis' bodies; 429 ` +
              'carries Retry-After.',
            security: [{ bearer: [] }],
          }
        : { tags: ['OAuth2'], ...oauth }),
      ...(r.url === '/oauth2/v3/token' || r.url === '/oauth2/v3/revoke' ? { security: [{ basic: [] }, {}] } : {}),
      parameters: parameters(query, 'query'),
      ...(body && r.method !== 'GET'
        ? {
            requestBody: {
              required: false,
              content: { 'application/x-www-form-urlencoded': { schema: body } },
            },
          }
        : {}),
      responses,
    };
    (paths[r.url] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'courant: third-party API (OAuth2 and Data Connect)',
      version: VERSION,
      description:
        'The routes a registered client uses: the OAuth2 authorisation server on Enedis Data Connect paths, and the ' +
        'measure routes in the shapes of Enedis Data Connect v5, Data Connect 2026 and conso.boris.sh. ' +
        'Generated by the hub from its route schemas; the guide is docs/third-party.md.',
    },
    tags: [
      { name: 'OAuth2', description: 'Authorisation code with PKCE S256, client credentials, revocation' },
      { name: 'Data Connect', description: 'Measures, with a Bearer access token' },
    ],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token from POST /oauth2/v3/token' },
        basic: { type: 'http', scheme: 'basic', description: 'client_id and client_secret, form-urlencoded' },
      },
    },
  };
}

export async function openApiRoutes(root: FastifyInstance, _hub: Hub): Promise<void> {
  const seen: Seen[] = [];
  root.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) seen.push({ method, url: r.url, schema: r.schema });
  });
  let doc: OpenApiDocument | undefined;
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/openapi.json',
    { config: { public: true }, schema: { querystring: noQuery, response: openApiResponses.document } },
    async () => (doc ??= openApiDocument(seen)),
  );
}
