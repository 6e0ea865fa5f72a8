/**
 * @module adapters/clickhouse/clickhouse-http
 * Inserts in RowBinary over ClickHouse's plain HTTP interface. `@clickhouse/client` sends only text formats for an
 * insert (TabSeparated, CSV, JSON), and building about 80 characters of text per point cost the writer more than the
 * server's work; RowBinary is a few fixed-size fields copied into a buffer. Both 18.16 and current servers read it,
 * with the query and settings in the URL and the rows as the body.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface HttpNode {
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** Streams `body` as the data of `query` (an INSERT … FORMAT RowBinary); rejects with the server's error text. */
export async function postInsert(
  node: HttpNode,
  query: string,
  settings: Record<string, string | number>,
  body: Iterable<Uint8Array>,
): Promise<void> {
  const url = new URL(node.url);
  url.searchParams.set('query', query);
  for (const [k, v] of Object.entries(settings)) url.searchParams.set(k, String(v));
  const auth = Buffer.from(`${node.username}:${node.password}`).toString('base64');
  const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/octet-stream' },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  // a server that refuses the rows may answer and close before the body is sent: its answer says why
  let sendError: unknown;
  await pipeline(Readable.from(body, { objectMode: false }), req).catch((e: unknown) => void (sendError = e));
  const res = await answered.catch((e: unknown) => {
    throw sendError ?? e;
  });
  let text = '';
  for await (const chunk of res) text += String(chunk);
  if (res.statusCode !== 200) throw new Error(`ClickHouse answered ${res.statusCode}: ${text.trim()}`);
}

const enc = new TextEncoder();

/** A ClickHouse RowBinary String: its UTF-8 length as LEB128, then the bytes. */
export function rowBinaryString(s: string): Uint8Array {
  const bytes = enc.encode(s);
  const len: number[] = [];
  let n = bytes.length;
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  const out = new Uint8Array(len.length + bytes.length);
  out.set(len, 0);
  out.set(bytes, len.length);
  return out;
}
