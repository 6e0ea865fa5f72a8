/**
 * One page's words in both languages. `en` must have exactly the keys of `fr` (a missing or extra key is a type
 * error), so a page cannot ship half-translated. Keys are prefixed by page (`chart.`, `data.`, …).
 */
export function defineMessages<const F extends Record<string, string>>(m: {
  fr: F;
  en: Record<keyof F, string>;
}): { fr: F; en: Record<keyof F, string> } {
  return m;
}
