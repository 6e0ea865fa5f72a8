import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubError, hubFetch, openReadAccess } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { exportReadings, parseFormat } from '../../use-cases/export.ts';
import { parsePrm } from '../../core/prm.ts';

const usage =
  'courant export --prm PRM [--from DATE] [--to DATE] [--step STEP] [--format csv|json] [--out FILE] [--data-dir DIR] [--config FILE]';

export const exportCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        prm: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        step: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      usage,
    );
    if (!values.prm) throw new CourantError('CLI_USAGE', `--prm is required\nusage: ${usage}`);
    parsePrm(values.prm, '--prm');
    parseFormat(values.format);
    const config = cliConfig(values, io);
    const req = { prm: values.prm, from: values.from, to: values.to, step: values.step, format: values.format };
    const access = await openReadAccess(config);
    let chunks: AsyncIterable<string>;
    if (access.kind === 'store') chunks = exportReadings(access.store, req, (m) => io.stderr.write(`${m}\n`));
    else chunks = hubExport(access.url, req);
    const out = values.out ? createWriteStream(values.out) : io.stdout;
    try {
      for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
    } finally {
      if (access.kind === 'store') await access.store.close();
      if (values.out) {
        (out as ReturnType<typeof createWriteStream>).end();
        await once(out, 'close').catch(() => undefined);
      }
    }
    if (values.out) io.stderr.write(`written ${values.out}\n`);
    return 0;
  },
};

async function* hubExport(url: string, req: Record<string, unknown>): AsyncGenerator<string> {
  const qs = new URLSearchParams(
    Object.entries(req).filter(([k, v]) => k !== 'prm' && typeof v === 'string') as [string, string][],
  );
  const res = await hubFetch(`${url}/api/usage-points/${encodeURIComponent(String(req.prm))}/export?${qs}`);
  if (!res.ok || !res.body) throw await hubError(res);
  const dec = new TextDecoder();
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) yield dec.decode(part, { stream: true });
}
