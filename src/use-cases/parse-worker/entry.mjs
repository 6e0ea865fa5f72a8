// Worker entry. In the compiled CLI (dist/, scripts/build-cli.mjs) this file is copied beside thread.js and loads
// JavaScript. Under src/ its neighbours are TypeScript, and a worker thread does not inherit the TypeScript loader
// (neither `--import tsx` nor the one bin/courant.mjs registers), so it registers its own first. (tsx's CommonJS hook
// starts faster, 0.18 s against 0.36 s, but the code it produces reaches imports through getters: parsing ran 10 %
// slower.)
import { existsSync } from 'node:fs';

const compiled = existsSync(new URL('./thread.js', import.meta.url));
if (!compiled) (await import('tsx/esm/api')).register();
const ext = compiled ? 'js' : 'ts';
const { startParserThread } = await import(`./thread.${ext}`);
startParserThread(async () => import(`../../importers/portal-xlsx/xlsx-workbook.${ext}`));
