// Worker entry: a worker thread does not inherit the TypeScript loader (neither `--import tsx` nor the one
// bin/courant.mjs registers), so it registers its own before loading any .ts module. (tsx's CommonJS hook starts
// faster, 0.18 s against 0.36 s, but the code it produces reaches imports through getters: parsing ran 10 % slower.)
import { register } from 'tsx/esm/api';
register();
const { startParserThread } = await import('./thread.ts');
startParserThread(async () => import('../../importers/portal-xlsx/xlsx-workbook.ts'));
