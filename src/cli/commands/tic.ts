/**
 * @module cli/commands/tic
 * `courant tic decode [FILE|-] [--json]`: decode a recorded capture; `courant tic listen --port DEV | --tcp HOST:PORT`:
 * decode live. One JSON object per frame on stdout with --json; the summary goes to stderr.
 */
import type { CliIo, Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { CourantError } from '../../core/errors.ts';
import { TicDecoder, type TicStats } from '../../tic/decoder.ts';
import { frameToJson, frameValues, type TicFrame } from '../../tic/frame.ts';
import type { ByteSource } from '../../ports/byte-source.ts';
import { openTicSource } from '../../backend/doors/meter.ts';
import { parsePrm } from '../../core/prm.ts';
import { HomeAssistantBridge } from '../../backend/doors/meter.ts';
import { LiveIngest } from '../../use-cases/live-ingest.ts';
import { openBackend } from '../../backend/open-backend.ts';
import { createLogger } from '../../backend/logging.ts';
import { cliConfig, runningHub } from '../hub-access.ts';

const usage = [
  'courant tic decode [FILE|-] [--json] [--parity8] [--pace] [--data-dir DIR [--prm PRM] [--mqtt URL]] [--config FILE]',
  '       courant tic listen (--port /dev/ttyUSB0 [--baud auto|1200|9600] | --tcp HOST:PORT) [--json] [--parity8] [--data-dir DIR [--prm PRM] [--mqtt URL]] [--config FILE]',
  '  --data-dir stores the readings (indexes, apparent power, 1/10/30-minute energy) while decoding, with the storage',
  '  settings of --config FILE (or ./courant.config.json); --mqtt also publishes',
  '  them to Home Assistant (MQTT discovery). Ctrl-C / SIGTERM stops, writes everything decoded, then exits.',
].join('\n');

const OPTIONS = {
  ...COMMON_OPTIONS,
  json: { type: 'boolean' },
  parity8: { type: 'boolean' },
  port: { type: 'string' },
  baud: { type: 'string' },
  tcp: { type: 'string' },
  pace: { type: 'boolean' },
  prm: { type: 'string' },
  mqtt: { type: 'string' },
} as const;

function frameLine(f: TicFrame): string {
  const v = frameValues(f);
  const power = v.SINSTS ?? v.PAPP;
  const shown = Object.entries(v)
    .filter(([k]) => k !== 'ADCO' && k !== 'ADSC' && k !== 'PRM' && k !== 'STGE')
    .map(([k, x]) => `${k}=${typeof x === 'object' ? '…' : x}`)
    .join(' ');
  const rej = f.rejectedCount
    ? `  rejetés/rejected: ${f.rejected.map((r) => `${r.label ?? '?'}(${r.reason})`).join(' ')}`
    : '';
  return `[${f.mode}] ${f.groups.length} groupes/groups${power !== undefined ? `, ${power} VA` : ''}  ${shown}${rej}`;
}

export function summaryLine(s: TicStats): string {
  const reasons = Object.entries(s.byReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r}=${n}`)
    .join(' ');
  return `tic: trames/frames ${s.frames}, groupes acceptés/groups accepted ${s.groupsAccepted}, groupes rejetés/groups rejected ${s.groupsRejected}${reasons ? ` (${reasons})` : ''}${s.framesInterrupted ? `, interrompues/interrupted ${s.framesInterrupted}` : ''}\n`;
}

async function ingest(
  source: ByteSource,
  io: CliIo,
  where: { 'data-dir': string; config?: string | undefined },
  prmArg: string | undefined,
  mqttUrl: string | undefined,
  parity8: boolean,
  print: (f: TicFrame) => void,
): Promise<number> {
  const prm = prmArg === undefined ? undefined : parsePrm(prmArg, '--prm');
  const config = cliConfig(where, io);
  const hub = runningHub(config.dataDir);
  if (hub) {
    await source.close();
    throw new CourantError(
      'STORE_LOCKED',
      `the running hub (${hub.url}) holds the database: stop it to store TIC readings from the command line, or let the hub read the meter itself (\`tic\` in the configuration, docs/tic.md); without --data-dir \`courant tic\` decodes without storing`,
    );
  }
  // the composition root's store: the household's recording controls apply here as in the hub
  const backend = await openBackend(config);
  const store = backend.readings;
  let bridge: HomeAssistantBridge | null = null;
  try {
    if (mqttUrl) bridge = await HomeAssistantBridge.connect({ url: mqttUrl });
    const b = bridge;
    const log = createLogger({ level: 'warn', write: (l) => io.stderr.write(`${l}\n`) });
    const live = new LiveIngest({
      store,
      source,
      prm,
      parity8,
      log,
      onFrame: (f, at) => (print(f), b ? void b.publishFrame(f, at).catch(() => undefined) : undefined),
    });
    const stop = () => void live.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await live.start();
      await live.stop();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    io.stderr.write(summaryLine(live.stats.decoder));
    const refused = live.stats.refused
      ? `, refusées (enregistrement fin arrêté)/refused (fine recording stopped) ${live.stats.refused}`
      : '';
    io.stderr.write(
      `tic: lectures enregistrées/readings stored ${live.stats.written}${refused}${b ? `, messages MQTT ${b.published}` : ''}\n`,
    );
    return 0;
  } finally {
    await bridge?.close().catch(() => undefined);
    await backend.close();
  }
}

async function pump(
  source: ByteSource,
  print: (f: TicFrame) => void,
  parity8: boolean,
  stopOnSignal: boolean,
): Promise<TicStats> {
  const decoder = new TicDecoder({ parity8, onFrame: print });
  const stop = () => void source.close();
  if (stopOnSignal) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  try {
    for await (const chunk of source.chunks()) decoder.push(chunk);
  } catch (e) {
    throw e instanceof CourantError
      ? e
      : new CourantError('TIC_SOURCE_FAILED', `tic: reading ${source.description} failed: ${(e as Error).message}`);
  } finally {
    if (stopOnSignal) {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    decoder.end();
    await source.close();
  }
  return decoder.stats;
}

export const ticCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS, usage, true);
    const [verb, file, ...extra] = positionals;
    if (extra.length)
      throw new CourantError('CLI_USAGE', `tic: unexpected argument ${JSON.stringify(extra[0])}\nusage: ${usage}`);
    const baud = values.baud === undefined || values.baud === 'auto' ? 'auto' : Number(values.baud);
    if (baud !== 'auto' && baud !== 1200 && baud !== 9600)
      throw new CourantError('CLI_USAGE', `tic: --baud must be auto, 1200 or 9600, not ${JSON.stringify(values.baud)}`);
    let source: ByteSource;
    if (verb === 'decode') {
      source = await openTicSource({ source: 'file', file: file ?? '-', pace: values.pace ?? false, baud }, io.stdin);
    } else if (verb === 'listen') {
      if (values.tcp) {
        const m = /^(.+):(\d{1,5})$/.exec(values.tcp);
        if (!m) throw new CourantError('CLI_USAGE', `tic: --tcp expects HOST:PORT, not ${JSON.stringify(values.tcp)}`);
        source = await openTicSource({ source: 'tcp', host: m[1], tcpPort: Number(m[2]) });
      } else if (values.port) source = await openTicSource({ source: 'serial', port: values.port, baud });
      else throw new CourantError('CLI_USAGE', `tic listen: give --port DEVICE or --tcp HOST:PORT\nusage: ${usage}`);
      io.stderr.write(`tic: ${source.description}\n`);
    } else throw new CourantError('CLI_USAGE', `tic: expected "decode" or "listen"\nusage: ${usage}`);
    const print = (f: TicFrame) =>
      io.stdout.write(values.json ? JSON.stringify(frameToJson(f)) + '\n' : frameLine(f) + '\n');
    if (values['data-dir'])
      return ingest(
        source,
        io,
        { 'data-dir': values['data-dir'], config: values.config },
        values.prm,
        values.mqtt,
        values.parity8 ?? false,
        print,
      );
    if (values.mqtt || values.prm)
      throw new CourantError('CLI_USAGE', `tic: --prm and --mqtt go with --data-dir\nusage: ${usage}`);
    const stats = await pump(source, print, values.parity8 ?? false, verb === 'listen');
    io.stderr.write(summaryLine(stats));
    return 0;
  },
};
