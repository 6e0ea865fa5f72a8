// Every refusal the dashboard can meet has a sentence for the household in French and English (web/src/messages/
// errors.ts and errors-hub.ts): a catalogue code added later without one fails here. The codes left out are only ever
// met by the command line or at start-up, never by a page, and each says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CATALOGUE } from '../src/core/errors.ts';
import { DICTIONARIES } from '../web/src/i18n.ts';

const NOT_IN_THE_DASHBOARD: Record<string, string> = {
  CLI_USAGE: 'a command-line usage error',
  CLI_OUTPUT_FAILED: 'the command line could not write its output file',
  CONFIG_INVALID: 'the hub refuses to start on a bad configuration',
  CONFIG_UNREADABLE: 'the hub refuses to start on an unreadable configuration',
  IMPORT_FILE_UNREADABLE: 'a path given to `courant import`; an upload is never a path',
  KEYSTORE_UNREADABLE: 'the signing key is read at start-up',
  STORE_UNREADABLE: 'the database is opened at start-up',
  STORE_UNSUPPORTED: 'the database is opened at start-up',
  STORE_SCHEMA_TOO_NEW: 'the database is opened at start-up',
  STORE_MIGRATION_FAILED: 'the database is migrated at start-up',
  MQTT_UNREACHABLE: 'the MQTT bridge reports to the hub’s log',
  REVEAL_DATASET_INVALID: '`courant reveal eval` reads data-set folders',
  REVEAL_DATASET_COLUMN_UNKNOWN: '`courant reveal eval` reads data-set folders',
  TARIFF_INVALID: 'a price table is checked when the hub starts',
  DC_AUTH_FAILED: '`courant enedis`, run by an operator',
  DC_NO_CONSENT: '`courant enedis`, run by an operator',
  DC_NO_DATA: '`courant enedis`, run by an operator',
  DC_BEFORE_ACTIVATION: '`courant enedis`, run by an operator',
  DC_RATE_LIMITED: '`courant enedis`, run by an operator',
  DC_BAD_REQUEST: '`courant enedis`, run by an operator',
  DC_UNAVAILABLE: '`courant enedis`, run by an operator',
  DC_FORBIDDEN: '`courant enedis`, run by an operator',
};

test('every catalogue code a page can meet has a household sentence in French and English', () => {
  const fr = DICTIONARIES.fr as Record<string, string>;
  const en = DICTIONARIES.en as Record<string, string>;
  const missing = Object.keys(ERROR_CATALOGUE).filter(
    (code) => !(code in NOT_IN_THE_DASHBOARD) && !(fr[`error.code.${code}`] && en[`error.code.${code}`]),
  );
  assert.deepEqual(missing, [], `codes without words: ${missing.join(', ')}`);
  for (const code of Object.keys(ERROR_CATALOGUE)) {
    const words = [fr[`error.code.${code}`], en[`error.code.${code}`]].filter((w): w is string => !!w);
    for (const w of words) assert.ok(!/\b[A-Z]+_[A-Z_]+\b|--\w|x-prm/.test(w), `${code}: ${w} names a code or option`);
  }
});
