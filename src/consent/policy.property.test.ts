// Property: over random sequences of consent events, the policy engine grants a recipient's read exactly when a
// naive scan of the history finds a consent, still in force at that instant, from the current occupant, naming that
// recipient and purpose, covering the data category and a step at least as fine, and the range is within the
// occupant's tenancy. Soundness (never granted without one) is the requirement; completeness is checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideOne } from './policy.ts';
import { derivable, LADDER, type DataCategory, type LadderStep, type PurposeId } from './model.ts';
import { DAY, EventLog, P1, P2, T0 } from './test-events.ts';
import type { LedgerEvent } from './events.ts';

const PRMS = [P1, P2];
const SUBJECTS = ['alice', 'bob', 'carol'];
const RECIPIENTS = ['r1', 'op'];
const PURPOSES: PurposeId[] = ['personalised-advice', 'anonymised-statistics'];
const CATS: DataCategory[] = ['consumption', 'production'];

const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('give' as const),
      p: fc.nat(1),
      r: fc.nat(1),
      u: fc.nat(1),
      s: fc.nat(LADDER.length - 1),
      c: fc.subarray(CATS, { minLength: 1 }),
      d: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('withdraw' as const), i: fc.nat(8) }) },
  fc.record({ k: fc.constant('renew' as const), i: fc.nat(8), d: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ k: fc.constant('moveout' as const), p: fc.nat(1) }),
  fc.record({ k: fc.constant('movein' as const), p: fc.nat(1), who: fc.nat(2) }),
  fc.record({ k: fc.constant('tick' as const), h: fc.integer({ min: 1, max: 24 * 90 }) }),
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('check' as const),
      who: fc.nat(3),
      h: fc.nat(2),
      p: fc.nat(1),
      r: fc.nat(1),
      u: fc.nat(1),
      s: fc.nat(LADDER.length - 1),
      c: fc.nat(1),
      back: fc.integer({ min: 0, max: 400 }),
    }),
  },
);

/** The naive oracle: scan the raw history. */
function oracle(
  history: readonly LedgerEvent[],
  q: { prm: string; recipient: string; purpose: string; step: LadderStep; cat: DataCategory; from: number; at: number },
): boolean {
  let occ: { subject: string; from: number } | undefined;
  for (const e of history) {
    const b = e.body;
    if (b.type === 'occupancy-started' && b.prm === q.prm) occ = { subject: b.subject, from: e.at };
    if (b.type === 'moved-out' && b.prm === q.prm) occ = undefined;
  }
  if (!occ || q.from < occ.from) return false;
  for (const e of history) {
    if (e.body.type !== 'given') continue;
    const t = e.body.terms;
    if (
      t.prm !== q.prm ||
      t.recipient !== q.recipient ||
      !t.purposes.includes(q.purpose as PurposeId) ||
      t.subject !== occ.subject
    )
      continue;
    if (!t.categories.includes(q.cat) || !derivable(q.step, t.step)) continue;
    let expires = t.expiresAt;
    let ended = false;
    for (const f of history) {
      const fb = f.body;
      if (!('consentId' in fb) || fb.consentId !== t.consentId) continue;
      if (fb.type === 'renewed') expires = fb.expiresAt;
      else ended = true;
    }
    if (!ended && t.givenAt <= q.at && q.at < expires) return true;
  }
  return false;
}

test('property: no access is ever granted without a valid consent covering step, purpose and recipient at that instant (recipients, operator, households, authorities)', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), (ops) => {
      const log = new EventLog();
      const history = log.events;
      let now = T0;
      let n = 0;
      const occupant = (p: string) => log.state.occupantAt(p, now);
      for (const o of ops) {
        const add = (_e: LedgerEvent) => undefined; // EventLog already keeps the history
        switch (o.k) {
          case 'movein': {
            const p = PRMS[o.p]!;
            if (!occupant(p))
              add(
                log.add(
                  now,
                  { kind: 'operator', id: 'op' },
                  { type: 'occupancy-started', prm: p, subject: SUBJECTS[o.who]! },
                ),
              );
            break;
          }
          case 'moveout': {
            const p = PRMS[o.p]!;
            const occ = occupant(p);
            if (!occ) break;
            for (const c of log.state.consents.values()) {
              if (
                c.terms.prm === p &&
                c.terms.subject === occ.subject &&
                log.state.statusAt(c.terms.consentId, now) === 'active'
              ) {
                add(
                  log.add(
                    now,
                    { kind: 'operator', id: 'op' },
                    { type: 'superseded', consentId: c.terms.consentId, reason: 'move-out' },
                  ),
                );
              }
            }
            add(log.add(now, { kind: 'operator', id: 'op' }, { type: 'moved-out', prm: p, subject: occ.subject }));
            break;
          }
          case 'give': {
            const p = PRMS[o.p]!;
            const occ = occupant(p);
            if (!occ) break;
            log.give(now, {
              id: `c${++n}`,
              prm: p,
              subject: occ.subject,
              recipient: RECIPIENTS[o.r]!,
              purpose: PURPOSES[o.u]!,
              step: LADDER[o.s]!,
              categories: o.c,
              expiresAt: now + o.d * DAY,
            });
            break;
          }
          case 'withdraw':
          case 'renew': {
            const c = log.state.consents.get(`c${o.i}`);
            if (!c || log.state.statusAt(c.terms.consentId, now) !== 'active') break;
            add(
              o.k === 'withdraw'
                ? log.add(
                    now,
                    { kind: 'household', id: c.terms.subject },
                    { type: 'withdrawn', consentId: c.terms.consentId, channel: 'web' },
                  )
                : log.add(
                    now,
                    { kind: 'household', id: c.terms.subject },
                    {
                      type: 'renewed',
                      consentId: c.terms.consentId,
                      expiresAt: now + o.d * DAY,
                      notice: c.terms.notice,
                    },
                  ),
            );
            break;
          }
          case 'tick':
            now += o.h * 3_600_000;
            break;
          case 'check': {
            const q = {
              prm: PRMS[o.p]!,
              recipient: RECIPIENTS[o.r]!,
              purpose: PURPOSES[o.u]!,
              step: LADDER[o.s]!,
              cat: CATS[o.c]!,
              from: now - o.back * DAY,
              at: now,
            };
            const range = { from: q.from, to: now + 1 };
            // who: 0 = a recipient or the operator under consent, 1 = a household, 2 = an authority (no legal request),
            // 3 = operator as itself
            const actor =
              o.who === 0
                ? { kind: q.recipient === 'op' ? ('operator' as const) : ('recipient' as const), id: q.recipient }
                : o.who === 1
                  ? { kind: 'household' as const, id: SUBJECTS[o.h]! }
                  : o.who === 2
                    ? { kind: 'authority' as const, id: 'police' }
                    : { kind: 'operator' as const, id: 'op' };
            const purpose = o.who === 1 ? ('self' as const) : o.who === 2 ? ('legal-obligation' as const) : q.purpose;
            const d = decideOne(log.state, {
              actor,
              prm: q.prm,
              step: q.step,
              purpose,
              category: q.cat,
              range,
              at: now,
            });
            let expected: boolean;
            if (o.who === 1) {
              const occ = occupant(q.prm);
              expected = !!occ && occ.subject === actor.id && q.from >= occ.from;
            } else if (o.who === 2) expected = false;
            else expected = oracle(history, { ...q, recipient: actor.id });
            if (d.allowed !== expected)
              throw new Error(
                `decision ${JSON.stringify(d)} but oracle says ${expected} for ${JSON.stringify({ actor, ...q })}`,
              );
            if (d.allowed) assert.equal(d.basis.kind, o.who === 1 ? 'self' : 'consent');
            break;
          }
        }
      }
    }),
    { numRuns: 400 },
  );
});
