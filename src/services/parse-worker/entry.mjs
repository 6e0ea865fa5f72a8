// Worker entry: a worker thread does not inherit the TypeScript loader (neither `--import tsx` nor the one
// bin/courant.mjs registers), so it registers its own before loading any .ts module.
import { register } from 'tsx/esm/api';
register();
await import('./thread.ts');
