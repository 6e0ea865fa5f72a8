/**
 * Live power from the hub's server-sent events. Until a reading arrives (and always for the demo household, which
 * has no meter), a discreet "no live meter connected" is shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type LivePower } from '../api.ts';
import { fmtNumber } from '../format.ts';
import { useI18n } from '../i18n.ts';

export function LiveStatus({ prm }: { prm: string }) {
  const { locale, t } = useI18n();
  const [last, setLast] = useState<LivePower | null>(null);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(api.liveUrl());
    es.addEventListener('power', (e) => {
      try {
        const p = JSON.parse((e as MessageEvent<string>).data) as LivePower;
        if (p.prm === prm && Number.isFinite(p.va)) setLast(p);
      } catch {
        /* a malformed event is ignored: the next one will do */
      }
    });
    return () => es.close();
  }, [prm]);
  return last ? (
    <span class="live live-on" title={t('live.title')} data-testid="live">
      <span class="dot" aria-hidden="true" />
      {t('live.now', { va: fmtNumber(locale, last.va) })}
    </span>
  ) : (
    <span class="live" data-testid="live">
      <span class="dot" aria-hidden="true" />
      {t('live.none')}
    </span>
  );
}
