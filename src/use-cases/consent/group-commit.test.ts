import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit } from './group-commit.ts';

test('concurrent adds share writes; each resolves only after a write that carried its items', async () => {
  const writes: number[][] = [];
  let release: (() => void) | undefined;
  const g = new GroupCommit<number>(async (items) => {
    writes.push([...items]);
    if (writes.length === 1) await new Promise<void>((r) => (release = r));
  });
  const done: number[] = [];
  const first = g.add([1]).then(() => done.push(1));
  const rest = [2, 3, 4].map((n) => g.add([n, n * 10]).then(() => done.push(n)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes, [[1]], 'the first line is written at once; the others wait for it');
  assert.deepEqual(done, [], 'nobody is answered before its write ends');
  release!();
  await Promise.all([first, ...rest]);
  assert.deepEqual(writes, [[1], [2, 20, 3, 30, 4, 40]], 'what queued during the first write goes in one write');
  assert.deepEqual(done, [1, 2, 3, 4]);
});

test('a failed write rejects exactly the adds it carried; later adds are written', async () => {
  let fail = true;
  const stored: number[] = [];
  const g = new GroupCommit<number>(async (items) => {
    if (fail) {
      fail = false;
      throw new Error('disk full');
    }
    stored.push(...items);
  });
  await assert.rejects(g.add([1]), /disk full/);
  await g.add([2]);
  assert.deepEqual(stored, [2]);
});

test('a long queue is split into writes of at most maxBatch items', async () => {
  const sizes: number[] = [];
  let gate: Promise<void> | undefined = new Promise((r) => setTimeout(r, 5));
  const g = new GroupCommit<number>(async (items) => {
    sizes.push(items.length);
    if (gate) {
      const wait = gate;
      gate = undefined;
      await wait;
    }
  }, 3);
  await Promise.all([g.add([0]), g.add([1, 2, 3, 4, 5, 6, 7])]);
  assert.deepEqual(sizes, [1, 3, 3, 1]);
});
