/**
 * `#/costs` "Coûts et offres": cost per day (bars) and per month (table) under one option, and what the
 * household's own curve would have cost under each option of the price table ("which offer is cheapest for me"),
 * from GET /api/usage-points/:prm/costs. Data older than the price table is priced at the latest grid, and says so.
 * Until the household chooses, the subscribed power and option are the usage point's known contract, shown with
 * where each fact comes from (costs-contract.tsx).
 */
import { useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box.tsx';
import { CostBars, fmtEur } from '../components/costs/cost-bars.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtNumber, TZ } from '../format.ts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { insight, type CostsAnswer, type OfferComparison } from '../insight-api.ts';
import { ContractFacts } from './costs-contract.tsx';
import type { PageProps } from './types.ts';

const KVA = [3, 6, 9, 12, 15, 18, 24, 30, 36];
const YEAR = 365 * 86_400_000;
const parisDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );

/** The last twelve months (at most) of the household's load curve: the costs need a step finer than a day. */
function curveRange(p: PageProps['household']): { from: string; to: string } | null {
  const curve = p.series.filter(
    (s) => s.quantity === 'energy' && s.direction === 'consumption' && s.step !== 'P1D' && s.step !== 'raw',
  );
  if (curve.length === 0) return null;
  const last = Math.max(...curve.map((s) => Date.parse(s.last)));
  const first = Math.max(Math.min(...curve.map((s) => Date.parse(s.first))), last - YEAR);
  // end exclusive: a last slot ending at midnight keeps its day; a few slots into a new day leave that partial day out
  return { from: parisDay(first), to: parisDay(last + 1_800_000) };
}

function Comparison({ c, chosen, onChoose }: { c: CostsAnswer; chosen: string; onChoose: (id: string) => void }) {
  const { locale, t } = useI18n();
  const label = (o: OfferComparison) => o.label[locale];
  const reason = (o: OfferComparison) => {
    const k = `costs.reason.${o.reason?.code}`;
    return isMessageKey(k) ? t(k) : (o.reason?.message ?? '');
  };
  // an offer closed to new customers is never "the cheapest for you": the household cannot switch to it
  const avail = c.comparison.filter((o) => o.available && !o.closed);
  const best = avail[0];
  const next = avail[1];
  return (
    <>
      {best && (
        <div class="cheapest" data-testid="cheapest" data-offer={best.offerId}>
          <strong>{t('costs.cheapest', { offer: label(best) })}</strong>
          {next && (
            <p>
              {t('costs.cheapestHint', {
                total: fmtEur(locale, best.totalEur!),
                diff: fmtEur(locale, next.totalEur! - best.totalEur!),
                next: label(next),
              })}
            </p>
          )}
        </div>
      )}
      <div class="table-scroll">
        <table class="num-table" data-testid="offer-table">
          <thead>
            <tr>
              <th scope="col">{t('costs.col.offer')}</th>
              <th scope="col">{t('costs.col.energy')}</th>
              <th scope="col">{t('costs.col.subscription')}</th>
              <th scope="col">{t('costs.col.total')}</th>
              <th scope="col">{t('costs.col.diff')}</th>
            </tr>
          </thead>
          <tbody>
            {c.comparison.map((o) => (
              <tr key={o.offerId} data-offer={o.offerId} class={o.offerId === chosen ? 'chosen' : undefined}>
                <th scope="row">
                  <label>
                    <input
                      type="radio"
                      name="offer"
                      checked={o.offerId === chosen}
                      disabled={!o.available}
                      onChange={() => onChoose(o.offerId)}
                    />{' '}
                    {label(o)}
                  </label>
                </th>
                {o.available ? (
                  <>
                    <td>{fmtEur(locale, o.energyEur!)}</td>
                    <td>{fmtEur(locale, o.subscriptionEur!)}</td>
                    <td class="total">{fmtEur(locale, o.totalEur!)}</td>
                    <td>
                      {o.overCheapestEur === 0
                        ? '—'
                        : o.overCheapestEur! < 0
                          ? `− ${fmtEur(locale, -o.overCheapestEur!)}`
                          : `+ ${fmtEur(locale, o.overCheapestEur!)}`}
                    </td>
                  </>
                ) : (
                  <td colSpan={4} class="muted small">
                    {t('costs.unavailable', { reason: reason(o) })}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Periods({ c }: { c: CostsAnswer }) {
  const { locale, t } = useI18n();
  const month = (m: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${m}-15T12:00:00Z`));
  return (
    <>
      <section class="card" aria-labelledby="days-title">
        <h3 id="days-title">{t('costs.days')}</h3>
        <p class="small muted">{t('costs.daysHint')}</p>
        <CostBars days={c.days} />
      </section>
      <section class="card" aria-labelledby="months-title">
        <h3 id="months-title">{t('costs.months')}</h3>
        <div class="table-scroll">
          <table class="num-table" data-testid="month-table">
            <thead>
              <tr>
                <th scope="col">{t('costs.col.month')}</th>
                <th scope="col">{t('costs.col.kwh')}</th>
                <th scope="col">{t('costs.col.energy')}</th>
                <th scope="col">{t('costs.col.subscription')}</th>
                <th scope="col">{t('costs.col.total')}</th>
              </tr>
            </thead>
            <tbody>
              {c.months.map((m) => (
                <tr key={m.period} data-month={m.period}>
                  <th scope="row">{month(m.period)}</th>
                  <td>{fmtNumber(locale, m.kwh, 1)} kWh</td>
                  <td>{fmtEur(locale, m.energyEur)}</td>
                  <td>{fmtEur(locale, m.subscriptionEur)}</td>
                  <td class="total">{fmtEur(locale, m.totalEur)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('costs.total')}</th>
                <td>{fmtNumber(locale, c.total.kwh, 1)} kWh</td>
                <td>{fmtEur(locale, c.total.energyEur)}</td>
                <td>{fmtEur(locale, c.total.subscriptionEur)}</td>
                <td class="total">{fmtEur(locale, c.total.totalEur)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}

export function CostsPage({ household }: PageProps) {
  const { locale, t } = useI18n();
  const range = curveRange(household);
  // undefined until the household picks one: the hub then uses the usage point's known contract (else 6 kVA)
  const [kva, setKva] = useState<number | undefined>(undefined);
  const [offer, setOffer] = useState<string | undefined>(undefined);
  const c = useAsync(
    () => (range ? insight.costs(household.prm, { ...range, kva, offer, prices: 'auto' }) : Promise.resolve(null)),
    [household.prm, range?.from, range?.to, kva, offer],
  );
  return (
    <section class="costs" aria-labelledby="costs-title">
      <div class="card">
        <h2 id="costs-title">{t('costs.title')}</h2>
        <p class="lead">{t('costs.intro')}</p>
        {range && (
          <div class="toolbar">
            <span>
              {t('costs.period')} : {fmtDate(locale, Date.parse(`${range.from}T12:00:00Z`))} –{' '}
              {fmtDate(locale, Date.parse(`${range.to}T12:00:00Z`) - 86_400_000)}
            </span>
            <label>
              {t('costs.kva')}{' '}
              <select
                value={kva ?? (c.state === 'ok' && c.value ? c.value.kva : '')}
                onChange={(e) => (setKva(Number((e.target as HTMLSelectElement).value)), setOffer(undefined))}
                data-testid="kva-select"
              >
                {[...new Set([...KVA, ...(c.state === 'ok' && c.value ? [c.value.kva] : [])])]
                  .sort((a, b) => a - b)
                  .map((k) => (
                    <option key={k} value={k}>
                      {t('costs.kvaValue', { kva: k })}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        )}
        {!range && <p>{t('costs.noCurve')}</p>}
        {c.state === 'loading' && <p class="status status-busy">{t('common.loading')}</p>}
        {c.state === 'error' && <ErrorBox error={c.error} onRetry={c.reload} />}
        {c.state === 'ok' && c.value && (
          <>
            <h3>{t('costs.compare')}</h3>
            <Comparison c={c.value} chosen={c.value.offerId} onChoose={setOffer} />
            <div class="fine-print small" data-testid="tax-model">
              <p>
                {c.value.prices === 'latest'
                  ? t('costs.latest', {
                      from: fmtDate(locale, Date.parse(c.value.from)),
                      to: fmtDate(locale, Date.parse(c.value.to) - 1),
                      date: fmtDate(locale, Date.parse(`${c.value.priceTableFrom}T12:00:00Z`)),
                    })
                  : c.value.priceTablesUsed.length > 1
                    ? t('costs.tables', {
                        dates: c.value.priceTablesUsed
                          .map((d) => fmtDate(locale, Date.parse(`${d}T12:00:00Z`)))
                          .join(', '),
                      })
                    : t('costs.table', {
                        date: fmtDate(
                          locale,
                          Date.parse(`${c.value.priceTablesUsed[0] ?? c.value.priceTableFrom}T12:00:00Z`),
                        ),
                      })}
              </p>
              <p>{t('costs.taxes')}</p>
              {!c.value.pricesVerified && <p class="warn">{t('costs.unverified')}</p>}
              <p class="muted">{t('costs.curve', { n: fmtNumber(locale, c.value.curve.halfHours) })}</p>
            </div>
          </>
        )}
      </div>
      {c.state === 'ok' && c.value && <ContractFacts c={c.value} />}
      {c.state === 'ok' && c.value && <Periods c={c.value} />}
    </section>
  );
}
