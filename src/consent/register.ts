/**
 * @module consent/register
 * The record of processing activities (GDPR art. 30(1)) rendered as Markdown from the configuration and the
 * ledger's current state: controller, purposes, categories of subjects and data, recipients, transfers, retention,
 * security measures, and live counts of consents per recipient and purpose.
 */
import { stepWords } from './notices.ts';
import { DATA_CATEGORIES, PURPOSES, type LadderStep, type PurposeId, type RecipientDeclaration } from './model.ts';
import type { ConsentConfig } from './config.ts';
import type { ConsentState } from './state.ts';
import { RETENTION_CAPS } from './retention.ts';

export interface RegisterInput {
  readonly config: ConsentConfig;
  /** The registered clients (recipients a consent may name). */
  readonly recipients: readonly RecipientDeclaration[];
  readonly state: ConsentState;
  readonly now: number;
  readonly ledgerHead?: string | undefined;
  readonly legalRequests?: number;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function renderRegister(i: RegisterInput): string {
  const c = i.config;
  const active = new Map<string, number>();
  const steps = new Map<string, Set<LadderStep>>();
  let households = 0;
  for (const list of i.state.occupancy.values()) if (list.some((o) => o.to === undefined || o.to > i.now)) households++;
  for (const rec of i.state.consents.values()) {
    if (i.state.statusAt(rec.terms.consentId, i.now) !== 'active') continue;
    for (const p of rec.terms.purposes) {
      const k = `${rec.terms.recipient}|${p}`;
      active.set(k, (active.get(k) ?? 0) + 1);
      const s = steps.get(k) ?? new Set();
      s.add(rec.terms.step);
      steps.set(k, s);
    }
  }
  const lines: string[] = [];
  lines.push('# Registre des activités de traitement / Record of processing activities (RGPD art. 30)', '');
  lines.push(
    `Généré le / generated ${new Date(i.now).toISOString()} par \`courant register\` à partir de la configuration et du registre des consentements.`,
    '',
  );
  lines.push(
    '## Responsable du traitement / Controller',
    '',
    `- ${esc(c.controller.name)} — ${esc(c.controller.contact)}`,
    '',
  );
  lines.push(
    '## Personnes concernées / Data subjects',
    '',
    `- Foyers occupant un point de livraison (PRM) enregistré : ${households}`,
    '',
  );
  lines.push('## Traitements / Processing activities', '');
  lines.push(
    '| Activité | Finalité (DPV) | Base légale | Données | Destinataires |',
    '| --- | --- | --- | --- | --- |',
  );
  lines.push(
    `| Affichage au foyer de ses propres données | dpv:ServiceProvision | foyer lui-même (usage domestique, RGPD art. 2(2)(c)) / contrat | ${Object.values(
      DATA_CATEGORIES,
    )
      .map((d) => d.fr)
      .join(', ')} | aucun |`,
  );
  for (const r of i.recipients) {
    for (const p of r.purposes as PurposeId[]) {
      const k = `${r.id}|${p}`;
      const st = [...(steps.get(k) ?? [])].map((s) => stepWords(s, 'fr')).join(', ') || '—';
      lines.push(
        `| Transmission à ${esc(r.name)} (${r.id}, ${r.role}) | ${PURPOSES[p].dpv} — ${esc(PURPOSES[p].fr)} | consentement (eu-gdpr:A6-1-a) — ${active.get(k) ?? 0} actif(s), pas : ${st} | selon chaque consentement | ${esc(r.name)} |`,
      );
    }
  }
  // Recipients holding active consents but no longer registered (or disabled) are listed too: the register describes
  // what is processed, not only who is registered.
  const declared = new Set(i.recipients.flatMap((r) => r.purposes.map((p) => `${r.id}|${p}`)));
  for (const [k, n] of [...active].sort(([a], [b]) => a.localeCompare(b))) {
    if (declared.has(k)) continue;
    const [rid, p] = k.split('|') as [string, PurposeId];
    const st = [...(steps.get(k) ?? [])].map((x) => stepWords(x, 'fr')).join(', ');
    lines.push(
      `| Transmission à ${esc(rid)} (client désactivé ou non enregistré) | ${PURPOSES[p].dpv} — ${esc(PURPOSES[p].fr)} | consentement (eu-gdpr:A6-1-a) — ${n} actif(s), pas : ${st} | selon chaque consentement | ${esc(rid)} |`,
    );
  }
  lines.push(
    `| Réponse aux réquisitions légales | dpv:LegalCompliance | obligation légale (eu-gdpr:A6-1-c), demande enregistrée, PRM et période nommés | selon la demande | autorité requérante (${i.legalRequests ?? 0} demande(s) enregistrée(s)) |`,
  );
  lines.push(
    `| Preuve des consentements (registre chaîné, reçus signés) | dpv:LegalCompliance | obligation légale (RGPD art. 7(1)) | identifiant du foyer, PRM, consentements | aucun |`,
    '',
  );
  lines.push(
    '## Transferts hors UE / Transfers outside the EU',
    '',
    '- Aucun. Les données restent sur l’installation du hub (loc:FR).',
    '',
  );
  lines.push('## Durées de conservation / Retention', '');
  lines.push(
    `- Données fines (${stepWords('PT30M', 'fr')}, horaires, temps réel) : ${c.retention.fineMonths} mois glissants (plafond ${RETENTION_CAPS.fineMonths} mois, sur demande du foyer)`,
  );
  lines.push(`- Données quotidiennes : ${c.retention.dailyMonths} mois`);
  lines.push(`- Données mensuelles : ${c.retention.monthlyMonths} mois`);
  lines.push(
    '- Registre des consentements et journal des accès : durée de la relation + prescription (preuve, RGPD art. 7(1)) ; les effacements laissent un enregistrement sans les données.',
    '',
  );
  lines.push('## Mesures de sécurité / Security measures', '');
  lines.push(
    '- Registre des consentements en ajout seul, chaîné par SHA-256 ; vérification par `courant ledger verify`.',
  );
  lines.push(
    '- Reçus signés (JWS Ed25519), vérifiables hors ligne avec la clé publique du hub ; clé privée en fichier 0600.',
  );
  lines.push(
    '- Moteur de décision refusant par défaut ; toute lecture par un tiers, l’opérateur ou une autorité est journalisée et visible du foyer.',
  );
  lines.push(
    '- Mots de passe argon2id, cookies de session httpOnly SameSite, jeton CSRF, limitation des tentatives de connexion.',
  );
  lines.push(
    '- Purge automatique selon les durées ci-dessus (balayage planifié, enregistrement de chaque suppression).',
    '',
  );
  if (i.ledgerHead) lines.push(`Tête du registre des consentements / ledger head: \`${i.ledgerHead}\``, '');
  return lines.join('\n');
}
