import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubGet, openReadAccess } from '../hub-access.ts';
import { listUsagePoints, type SeriesInfoJson } from '../../use-cases/series-query.ts';

const usage = 'courant status [--json] [--data-dir DIR] [--config FILE]';

export const statusCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parse(argv, { ...COMMON_OPTIONS, json: { type: 'boolean' } }, usage);
    const config = cliConfig(values, io);
    const access = await openReadAccess(config);
    let ups: { prm: string; label: string | null; series: SeriesInfoJson[] }[];
    if (access.kind === 'store') {
      try {
        ups = await listUsagePoints(access.store, config.locale);
      } finally {
        await access.store.close();
      }
    } else {
      ups = (await hubGet<{ usagePoints: typeof ups }>(`${access.url}/api/usage-points`)).usagePoints;
    }
    if (values.json) {
      io.stdout.write(
        JSON.stringify({ dataDir: config.dataDir, hubRunning: access.kind === 'hub', usagePoints: ups }, null, 2) +
          '\n',
      );
      return 0;
    }
    io.stdout.write(
      `data: ${config.dataDir}${access.kind === 'hub' ? ` (held by the running hub at ${access.url})` : ''}\n`,
    );
    if (ups.length === 0) io.stdout.write('no usage point held\n');
    for (const u of ups) {
      io.stdout.write(`\n${u.prm}${u.label ? `  ${u.label}` : ''}\n`);
      for (const s of u.series)
        io.stdout.write(
          `  ${s.id.padEnd(36)} ${String(s.count).padStart(9)} points  ${s.first.slice(0, 16)} → ${s.last.slice(0, 16)} UTC  (${s.unit})\n`,
        );
    }
    return 0;
  },
};
