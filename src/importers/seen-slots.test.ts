import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIFFERENT, FORGOTTEN, KEPT_SLOTS, NEW, SAME, SeenSlots } from './seen-slots.ts';

const STEP = 1_800_000;
const T0 = Date.UTC(2024, 0, 1);

test('against a map of every start: NEW exactly when unseen, SAME / DIFFERENT as the first value says (or FORGOTTEN)', () => {
  const point = fc.record({
    // mostly on the grid, close together, in any order; sometimes off the grid or far away
    slot: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -300, max: 300 }) },
      fc.integer({ min: -200_000, max: 200_000 }),
    ),
    offGrid: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: STEP - 1 })),
    value: fc.integer({ min: 0, max: 3 }),
    quality: fc.constantFrom(0, 0, 0, 2),
  });
  fc.assert(
    fc.property(fc.array(point, { maxLength: 400 }), fc.constantFrom(0, STEP), (points, step) => {
      const seen = new SeenSlots(step);
      const model = new Map<number, [number, number]>();
      for (const p of points) {
        const ts = T0 + p.slot * STEP + p.offGrid;
        const got = seen.add(ts, p.value, p.quality);
        const first = model.get(ts);
        if (first === undefined) {
          assert.equal(got, NEW);
          model.set(ts, [p.value, p.quality]);
        } else if (got !== FORGOTTEN) {
          const same = first[0] === p.value && first[1] === p.quality;
          assert.equal(got, same ? SAME : DIFFERENT);
          if (!same) assert.deepEqual([seen.heldValue, seen.heldQuality], first);
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('values are held for the last KEPT_SLOTS intervals whatever the order; older repeats are FORGOTTEN, never NEW', () => {
  const seen = new SeenSlots(STEP);
  const n = KEPT_SLOTS * 2;
  for (let i = 0; i < n; i++) assert.equal(seen.add(T0 + i * STEP, i, 0), NEW);
  // the last KEPT_SLOTS, backwards
  for (let i = n - 1; i >= n - KEPT_SLOTS; i--) assert.equal(seen.add(T0 + i * STEP, i, 0), SAME, String(i));
  assert.equal(seen.add(T0 + (n - 5) * STEP, 1, 0), DIFFERENT);
  assert.equal(seen.heldValue, n - 5);
  assert.equal(seen.add(T0, 0, 0), FORGOTTEN);
  assert.equal(seen.add(T0 + 7 * STEP, 0, 0), FORGOTTEN);
  // an unseen start far back is still NEW, and its value is held again
  assert.equal(seen.add(T0 - 10 * STEP, 9, 0), NEW);
  assert.equal(seen.add(T0 - 10 * STEP, 9, 0), SAME);
});

test('without a grid (daily values: Paris days last 23 to 25 hours) every start is kept exactly', () => {
  const seen = new SeenSlots(0);
  const days = [Date.UTC(2024, 2, 29, 23), Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22)];
  for (const d of days) assert.equal(seen.add(d, 10, 0), NEW);
  assert.equal(seen.add(days[0]!, 10, 0), SAME);
  assert.equal(seen.add(days[2]!, 11, 0), DIFFERENT);
  assert.equal(seen.add(days[1]!, 10, 1), DIFFERENT);
});
