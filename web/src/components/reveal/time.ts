/** Small pure helpers of the reveal page: Paris days and clock times (no Date parsing in local time anywhere). */

/** Minutes after midnight → "HH:MM" (a bedtime of 25:10 reads 01:10). */
export const clock = (min: number): string => {
  const m = ((Math.round(min) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Noon UTC of a YYYY-MM-DD date: safely inside that Paris day whatever the season, for plotting one point a day. */
export const dayMs = (iso: string): number => Date.parse(`${iso}T12:00:00Z`);

/** The months (YYYY-MM) spanned by two YYYY-MM-DD dates, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= endKey || out.length > 240) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The grid of one month, Monday first: leading blanks (null) then the dates YYYY-MM-DD. */
export function monthGrid(month: string): (string | null)[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first + 6) % 7;
  return [
    ...Array<null>(lead).fill(null),
    ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`),
  ];
}
