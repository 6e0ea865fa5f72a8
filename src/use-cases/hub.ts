/**
 * @module use-cases/hub
 * The hub's dependency container: built once at start from the validated config, passed to routes and services.
 * Nothing below reads the environment or opens files on its own.
 */
import type { Config } from '../config/schema.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import type { Logger } from '../ports/logger.ts';
import type { ConsentHub } from './consent/index.ts';
import type { BearerCheck } from './oauth/types.ts';
import type { ReleaseService } from './statistics/release-service.ts';

/** Live events the hub publishes (server-sent events to the dashboard, MQTT bridge…). */
export interface HubEvents {
  /** Instantaneous apparent power from a live source (TIC, pulse). */
  livePower: { prm: string; ts: number; va: number };
}
export type HubEventName = keyof HubEvents;
export type HubListener<K extends HubEventName> = (payload: HubEvents[K]) => void;

/** A small typed event bus; a failing listener never breaks the emitter or the other listeners. */
export class EventBus {
  private readonly listeners = new Map<HubEventName, Set<(p: unknown) => void>>();
  constructor(private readonly log?: Logger) {}
  on<K extends HubEventName>(name: K, fn: HubListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as (p: unknown) => void);
    return () => set!.delete(fn as (p: unknown) => void);
  }
  emit<K extends HubEventName>(name: K, payload: HubEvents[K]): void {
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        fn(payload);
      } catch (e) {
        this.log?.warn(`listener of ${name} failed: ${(e as Error).message}`);
      }
    }
  }
}

export interface Hub {
  readonly config: Readonly<Config>;
  readonly store: ReadingStore;
  readonly events: EventBus;
  readonly log: Logger;
  /** Current time in ms (injected so tests can move it). */
  readonly now: () => number;
  /** Consent, accounts, controls, access log and rights, built by the composition root (backend/open-backend.ts). */
  readonly consent: ConsentHub;
  /** Bearer check of the third-party API (the consent hub's authorisation server). */
  readonly oauth: BearerCheck;
  /** What imports learnt about each usage point (contract facts, register calendars); erased with its readings. */
  readonly profiles: UsagePointRepository;
  /** Published statistics: releases, their ledger and files (docs/statistics.md). */
  readonly releases: ReleaseService;
  /** Random per-start token for the local CLI (written to <data-dir>/hub.json, mode 0600; accepted from loopback only).
   */
  readonly localToken: string;
  /** Functions run (in reverse order) when the hub stops: flush buffers, close sources. */
  readonly onClose: (fn: () => Promise<void> | void) => void;
}
