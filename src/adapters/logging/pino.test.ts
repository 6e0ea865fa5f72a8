import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { createPinoLogger, fastifyLoggerFor } from './pino.ts';

const collect = () => {
  const lines: string[] = [];
  return { lines, write: (l: string) => void lines.push(l) };
};

test('text lines read like the hub always printed them: time, level, [namespace], message', () => {
  const { lines, write } = collect();
  const log = createPinoLogger({ level: 'info', write });
  log.debug('not at info');
  log.info('started');
  log.child('live').warn('tic source failed', { attempt: 2 });
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info {2}\[courant\] started$/);
  assert.match(lines[1]!, /Z warn {2}\[courant:live\] tic source failed attempt=2$/);
});

test('json lines are pino records with the level by name and no host name', () => {
  const { lines, write } = collect();
  createPinoLogger({ level: 'warn', format: 'json', write }).child('http').error('boom');
  const o = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(o.level, 'error');
  assert.equal(o.ns, 'courant:http');
  assert.equal(o.msg, 'boom');
  assert.equal(o.hostname, undefined);
  assert.equal(typeof o.time, 'string');
});

test('silent writes nothing', () => {
  const { lines, write } = collect();
  const log = createPinoLogger({ level: 'silent', write });
  log.error('x');
  log.child('a').warn('y');
  assert.deepEqual(lines, []);
});

test('passwords, tokens, cookies and authorization headers are redacted in both renderings', () => {
  for (const format of ['text', 'json'] as const) {
    const { lines, write } = collect();
    createPinoLogger({ format, write }).info('sign-in', {
      password: 'hunter2',
      user: { token: 'tok-123' },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=def' } },
    });
    const out = lines.join('\n');
    for (const secret of ['hunter2', 'tok-123', 'Bearer abc', 'sid=def'])
      assert.ok(!out.includes(secret), `${format}: ${secret} leaked in ${out}`);
    assert.match(out, /\[redacted\]/);
  }
});

test('Fastify shares the stream: quiet at info (no listening line, no line per request), one line per request at debug', async () => {
  for (const [level, expectRequestLines] of [
    ['info', false],
    ['debug', true],
  ] as const) {
    const { lines, write } = collect();
    const log = createPinoLogger({ level, write });
    const app = Fastify({ loggerInstance: fastifyLoggerFor(log)! });
    app.get('/x', async () => ({ ok: true }));
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const res = await fetch(`http://127.0.0.1:${(app.server.address() as { port: number }).port}/x`, {
        headers: { authorization: 'Bearer secret-token', cookie: 'courant_session=s3cr3t' },
      });
      assert.equal(res.status, 200);
      app.log.warn('a warning from Fastify');
    } finally {
      await app.close();
    }
    const out = lines.join('\n');
    assert.match(out, /warn {2}\[courant:http\] a warning from Fastify/);
    assert.equal(/request completed/.test(out), expectRequestLines, `${level}: ${out}`);
    assert.equal(/Server listening/.test(out), expectRequestLines, `${level}: ${out}`);
    assert.ok(!out.includes('secret-token') && !out.includes('s3cr3t'), out);
  }
});

test('a Logger that is not pino-backed gives Fastify nothing', () => {
  const noop = () => undefined;
  const fake = { debug: noop, info: noop, warn: noop, error: noop, child: () => fake };
  assert.equal(fastifyLoggerFor(fake), undefined);
});
