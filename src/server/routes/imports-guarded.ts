/**
 * Registers `POST /api/imports` with its authorisation: a household may import data only for usage points it occupies
 * (and, in a single-household installation, for usage points nobody has lived at yet: they are attached to the owner);
 * the installation's local CLI token (the machine's administrator) may import for any usage point. Writing is checked
 * per usage point found in the upload, before anything is stored; a refusal is the same "not found or no access".
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Hub } from '../../use-cases/hub.ts';
import { authOf, LOCAL_INSTALLER } from '../auth/auth-plugin.ts';
import { notFound } from '../errors.ts';
import { importRoutes } from './imports.ts';

export async function mayImport(hub: Hub, req: FastifyRequest, prm: string): Promise<void> {
  const { actor, via } = authOf(req);
  // the local token is the machine's administrator, who may import for any usage point with the hub stopped too
  if (via === 'local' || actor === LOCAL_INSTALLER) return;
  if (actor.kind === 'household') {
    const state = hub.consent.ledger.state;
    if ((state.prmsOf(actor.id) as string[]).includes(prm)) return;
    // nobody has lived there yet (a usage point some household moved out of waits for the operator's next move-in)
    const unoccupied = !state.occupantAt(prm, hub.consent.ledger.clock.now()) && !state.occupancy.has(prm);
    if (unoccupied && (await hub.consent.accounts.households()) === 1) return;
  }
  throw notFound(`usage point ${prm}`);
}

export async function guardedImportRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  await importRoutes(app, hub, (req, prm) => mayImport(hub, req, prm));
}
