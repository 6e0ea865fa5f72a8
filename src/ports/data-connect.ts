/**
 * @module ports/data-connect
 * What fetching from Enedis Data Connect needs: the raw answer bodies of planned windows, per kind of data. The HTTP
 * client (adapters/enedis) implements it; turning bodies into readings is the importers' job.
 */
import type { DcGeneration, DcKind } from '../enedis/endpoints.ts';
import type { Window } from '../enedis/planner.ts';

export interface FetchedWindow extends Window {
  readonly kind: DcKind;
  readonly body: Uint8Array;
}

export interface DataConnectSource {
  readonly generation: DcGeneration;
  fetchKind(
    kind: DcKind,
    prm: string,
    from: string,
    to: string,
    today: string,
    contractStart?: string,
  ): AsyncIterable<FetchedWindow>;
}
