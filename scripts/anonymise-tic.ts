/**
 * Anonymise a TIC capture for the test fixtures: replace the meter serial (ADCO/ADSC) and the PRM with fake values
 * and recompute the checksums of the groups that carried them, leaving every other byte (noise included) alone.
 * Fragments of the real identifiers inside corrupted groups are scrubbed too, and a corrupted group is checked to
 * stay invalid after the edit so the fixture keeps its accept/reject counts.
 * Usage: node --import tsx scripts/anonymise-tic.ts <in> <out>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ticChecksum } from '../src/tic/checksum.ts';

// ADCO/ADSC: keep manufacturer, year and device type (first 6 digits), fake the serial
const FAKE_SERIAL_TAIL = '000042';
const FAKE_PRM = '00000000000042';

function isValidGroup(g: Uint8Array): boolean {
  const n = g.length;
  if (n < 4) return false;
  const sep = g[n - 2];
  if (sep !== 0x20 && sep !== 0x09) return false;
  return g[n - 1] === (sep === 0x20 ? ticChecksum(g, 0, n - 2) : ticChecksum(g, 0, n - 1));
}

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: anonymise-tic.ts <in> <out>');
const bytes = Uint8Array.from(readFileSync(input));
const text = Buffer.from(bytes).toString('latin1');
const secrets = new Set<string>();
for (const m of text.matchAll(/\n(ADCO|ADSC)[ \t](\d{12})[ \t]/g)) secrets.add(m[2]!.slice(6));
for (const m of text.matchAll(/\nPRM\t(\d{14})\t/g)) if (m[1] !== '00000000000000') secrets.add(m[1]!);

// Walk groups (LF … CR, or LF … LF in cooked captures).
let start = -1;
let changed = 0;
for (let i = 0; i <= bytes.length; i++) {
  const b = i < bytes.length ? bytes[i] : 0x0a;
  if (b !== 0x0a && b !== 0x0d && b !== 0x02 && b !== 0x03) continue;
  if (start >= 0 && i > start) {
    const g = bytes.subarray(start, i);
    const before = isValidGroup(g);
    const s = Buffer.from(g).toString('latin1');
    let t = s;
    const id = /^(ADCO|ADSC)([ \t])(\d{6})(\d{6})([ \t])/.exec(s);
    const prm = /^PRM\t(\d{14})\t/.exec(s);
    if (before && id) t = `${id[1]}${id[2]}${id[3]}${FAKE_SERIAL_TAIL}${id[5]}` + s.slice(id[0].length);
    else if (before && prm && prm[1] !== '00000000000000') t = `PRM\t${FAKE_PRM}\t` + s.slice(prm[0].length);
    else
      for (const secret of secrets)
        for (let k = secret.length; k >= 4; k--)
          for (let o = 0; o + k <= secret.length; o++) t = t.split(secret.slice(o, o + k)).join('0'.repeat(k));
    if (t !== s) {
      const nb = Uint8Array.from(Buffer.from(t, 'latin1'));
      if (before) {
        const sep = nb[nb.length - 2]!;
        nb[nb.length - 1] = sep === 0x20 ? ticChecksum(nb, 0, nb.length - 2) : ticChecksum(nb, 0, nb.length - 1);
      } else if (isValidGroup(nb)) {
        // keep a corrupted group corrupted
        nb[nb.length - 1] = nb[nb.length - 1] === 0x5f ? 0x5e : nb[nb.length - 1]! + 1;
      }
      bytes.set(nb, start);
      changed++;
    }
  }
  start = b === 0x0a ? i + 1 : -1;
}
writeFileSync(output, bytes);
console.error(`${input}: ${changed} groups rewritten, ${secrets.size} identifiers replaced`);
