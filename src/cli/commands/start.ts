import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { CourantError } from '../../core/errors.ts';
import { startHub } from '../../server/main.ts';
import { describeDrain } from '../../server/drain.ts';
import { WEB_DIST } from '../../server/app.ts';
import { ensureDashboard } from '../dashboard.ts';

const usage =
  'courant start [--port N] [--host ADDR] [--data-dir DIR] [--no-demo] [--demo-calendar history|today|both] [--config FILE]';
const CALENDARS = ['history', 'today', 'both'] as const;

export const startCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        port: { type: 'string' },
        host: { type: 'string' },
        'no-demo': { type: 'boolean' },
        'demo-calendar': { type: 'string' },
      },
      usage,
    );
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CourantError('CLI_USAGE', `--port: ${JSON.stringify(values.port)} is not a port number (0–65535)`);
    }
    const calendar = values['demo-calendar'];
    if (calendar !== undefined && !(CALENDARS as readonly string[]).includes(calendar))
      throw new CourantError(
        'CLI_USAGE',
        `--demo-calendar: ${JSON.stringify(calendar)} is not one of ${CALENDARS.join(', ')}\nusage: ${usage}`,
      );
    await ensureDashboard(WEB_DIST, (m) => io.stderr.write(`${m}\n`));
    const running = await startHub({
      dataDir: values['data-dir'],
      port,
      host: values.host,
      demo: values['no-demo'] ? false : undefined,
      demoCalendar: calendar as (typeof CALENDARS)[number] | undefined,
      configFile: values.config,
      env: io.env,
      onProgress: (m) => io.stderr.write(`${m}\n`),
    });
    io.stdout.write(`courant is running at ${running.url}  (data: ${running.hub.config.dataDir}; Ctrl+C to stop)\n`);
    if (running.setupUrl)
      io.stdout.write(`first start: no account yet. Create the owner household (one-time link): ${running.setupUrl}\n`);
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        io.stderr.write(
          `${sig} received: draining requests (at most ${running.hub.config.server.drainTimeoutMs} ms), flushing live readings, then closing the store…\n`,
        );
        running.close().then(
          (report) => {
            io.stderr.write(`stopped: ${describeDrain(report)}\n`);
            resolve();
          },
          (e: unknown) => {
            io.stderr.write(`error while stopping: ${(e as Error).message}\n`);
            resolve();
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};
