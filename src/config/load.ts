/**
 * @module config/load
 * Reads the configuration once: defaults ← file (JSON) ← environment (COURANT_*) ← command-line overrides.
 * Environment variable names are derived from the schema paths: `server.port` → COURANT_SERVER_PORT, `dataDir` →
 * COURANT_DATA_DIR.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CourantError } from '../core/errors.ts';
import { configSchema, type Config } from './schema.ts';

export interface LoadOptions {
  /** Path of a JSON config file. Default: $COURANT_CONFIG, else ./courant.config.json when it exists. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Overrides from the command line, as a partial config object (deep-merged last). */
  overrides?: Record<string, unknown>;
}

export interface LoadedConfig {
  readonly config: Readonly<Config>;
  /** The file that was read, if any. */
  readonly file: string | undefined;
}

const envName = (path: string[]) =>
  'COURANT_' + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');

/** Every leaf path of the schema with its env variable name and kind, for env overrides and for docs/configuration.md.
 */
export function configLeaves(): {
  path: string[];
  env: string;
  kind: 'string' | 'number' | 'boolean' | 'list';
  schema: z.ZodType;
}[] {
  const out: { path: string[]; env: string; kind: 'string' | 'number' | 'boolean' | 'list'; schema: z.ZodType }[] = [];
  const walk = (schema: z.ZodType, path: string[]) => {
    let s: z.ZodType = schema;
    // unwrap default/optional
    while (s instanceof z.ZodDefault || s instanceof z.ZodOptional)
      s = (s as z.ZodDefault<z.ZodType>).unwrap() as z.ZodType;
    if (s instanceof z.ZodArray) {
      out.push({ path, env: '', kind: 'list', schema }); // lists (e.g. consent.recipients) come from the file only
      return;
    }
    if (s instanceof z.ZodObject) {
      for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) walk(v, [...path, k]);
      return;
    }
    const kind = s instanceof z.ZodNumber ? 'number' : s instanceof z.ZodBoolean ? 'boolean' : 'string';
    out.push({ path, env: envName(path), kind, schema });
  };
  walk(configSchema, []);
  return out;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const explicit = opts.file ?? env.COURANT_CONFIG;
  const candidate = explicit ? resolve(cwd, explicit) : resolve(cwd, 'courant.config.json');
  let raw: Record<string, unknown> = {};
  let file: string | undefined;
  if (explicit || existsSync(candidate)) {
    file = candidate;
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch (cause) {
      throw new CourantError(
        'CONFIG_UNREADABLE',
        `config file ${candidate}: cannot be read (${(cause as Error).message})`,
        { cause },
      );
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('the top level must be a JSON object');
      raw = parsed as Record<string, unknown>;
    } catch (cause) {
      throw new CourantError(
        'CONFIG_UNREADABLE',
        `config file ${candidate}: not valid JSON (${(cause as Error).message})`,
        { cause },
      );
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const leaf of configLeaves()) {
    if (leaf.kind === 'list') continue;
    const v = env[leaf.env];
    if (v === undefined || v === '') continue;
    let value: unknown = v;
    if (leaf.kind === 'number') {
      value = Number(v);
      if (!Number.isFinite(value as number))
        throw new CourantError('CONFIG_INVALID', `environment ${leaf.env}: ${JSON.stringify(v)} is not a number`);
    } else if (leaf.kind === 'boolean') {
      if (!/^(true|false|1|0|yes|no)$/i.test(v))
        throw new CourantError(
          'CONFIG_INVALID',
          `environment ${leaf.env}: ${JSON.stringify(v)} is not a boolean (true/false)`,
        );
      value = /^(true|1|yes)$/i.test(v);
    }
    setPath(fromEnv, leaf.path, value);
  }
  const merged = deepMerge(deepMerge(raw, fromEnv), opts.overrides ?? {});
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const where = file
      ? `config file ${file} (or its COURANT_* overrides)`
      : 'configuration (COURANT_* environment or options)';
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new CourantError('CONFIG_INVALID', `${where}: ${issues.join('; ')}`, { details: { issues } });
  }
  const config = { ...result.data, dataDir: resolve(cwd, result.data.dataDir) };
  return { config: deepFreeze(config), file };
}
