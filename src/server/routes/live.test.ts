import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { startHub } from '../main.ts';

test(
  'live power reaches an open stream, and stopping the hub ends open streams instead of waiting for them',
  { timeout: 30_000 },
  async () => {
    const running = await startHub({
      dataDir: mkdtempSync(join(tmpdir(), 'courant-live-')),
      port: 0,
      demo: true,
      env: {},
    });
    const url = new URL('/api/live', running.url);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(url, { headers: { authorization: `Bearer ${running.hub.localToken}` } }, (res) => {
        assert.equal(res.statusCode, 200);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
          if (body.includes('courant live'))
            running.hub.events.emit('livePower', { prm: '99999999999901', ts: Date.UTC(2026, 0, 1), va: 1234 });
          if (body.includes('event: power')) void running.close();
        });
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    assert.match(received, /event: power\ndata: \{"prm":"99999999999901","ts":1767225600000,"va":1234\}/);
  },
);
