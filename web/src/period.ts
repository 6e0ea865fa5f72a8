/**
 * @module web/period
 * The `duration` of an application's access request (an ISO-8601 period, as Enedis Data Connect clients send it)
 * in the household's words: "1 an", "6 mois", "1 an et 4 mois"; "1 year", "6 months".
 */
import type { I18n } from './i18n.ts';

/** An ISO-8601 period (P1Y, P6M, P1Y4M, P90D) in words: "1 an", "6 mois", "1 an et 4 mois"; as it is otherwise. */
export function periodWords(t: I18n['t'], period: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m || period === 'P') return period;
  const units = ['year', 'month', 'week', 'day'] as const;
  const parts = units.flatMap((u, i) => {
    const n = Number(m[i + 1] ?? 0);
    return n ? [t(`authorize.period.${u}${n > 1 ? 's' : ''}`, { n })] : [];
  });
  if (parts.length <= 1) return parts[0] ?? period;
  return `${parts.slice(0, -1).join(', ')}${t('authorize.period.and')}${parts.at(-1)}`;
}
