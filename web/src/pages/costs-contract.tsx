/**
 * "What the hub knows of your contract" on the costs page: the subscribed power, option and off-peak hours the hub
 * learnt from imported files (Data Connect contract answers, "Conso Jour" register calendars), each with where it
 * comes from and when it was learnt, and whether the figures above use it (the household's own choice wins).
 */
import { fmtDate } from '../format.ts';
import { isMessageKey, useI18n } from '../i18n.ts';
import type { CostsAnswer, FactOrigin } from '../insight-api.ts';

function Origin({ o }: { o: FactOrigin }) {
  const { locale, t } = useI18n();
  const k = `costs.src.${o.source}`;
  const source = isMessageKey(k) ? t(k) : o.source;
  return (
    <span class="muted small">
      {' '}
      — {t('costs.fact.origin', { source, file: o.file, date: fmtDate(locale, o.updatedAt) })}
    </span>
  );
}

export function ContractFacts({ c }: { c: CostsAnswer }) {
  const { t } = useI18n();
  const { contract, tempoDays } = c;
  const kva = contract.facts.subscribedKva;
  const used = (yes: boolean) => <strong class="small">{yes ? t('costs.fact.used') : t('costs.fact.notUsed')}</strong>;
  const known = kva || contract.option || contract.offpeak || contract.facts.tariffOption;
  return (
    <section class="card" aria-labelledby="contract-title" data-testid="contract-facts">
      <h3 id="contract-title">{t('costs.contract')}</h3>
      {!known && <p data-testid="contract-none">{t('costs.contract.none', { kva: c.kva })}</p>}
      <ul>
        {kva && (
          <li data-fact="kva">
            {t('costs.fact.kva', { kva: kva.value })} {used(contract.kvaFrom === 'contract')}
            <Origin o={kva} />
          </li>
        )}
        {contract.option && (
          <li data-fact="option" data-option={contract.option.option}>
            {t('costs.fact.option', {
              option: t(`costs.option.${contract.option.option}`),
              detail: contract.option.detail,
            })}{' '}
            {contract.option.basis === 'network-tariff' && <span class="small">{t('costs.fact.networkHint')} </span>}
            {used(contract.offerFrom === 'contract')}
            <Origin o={contract.option.origin} />
          </li>
        )}
        {!contract.option && contract.facts.tariffOption && (
          <li data-fact="network">
            {t('costs.fact.network', { text: String(contract.facts.tariffOption.value) })}
            <Origin o={contract.facts.tariffOption} />
          </li>
        )}
        {contract.offpeak && (
          <li data-fact="offpeak">
            {t('costs.fact.offpeak', { text: contract.offpeak.text })} {used(contract.offpeak.applied)}
            <Origin o={contract.offpeak.origin} />
          </li>
        )}
        {tempoDays.registers > 0 && (
          <li data-fact="tempo-days">{t('costs.fact.tempoDays', { n: tempoDays.registers })}</li>
        )}
      </ul>
    </section>
  );
}
