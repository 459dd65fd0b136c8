/**
 * A hand-written `DashlightClient` for component tests: every method is a vi.fn the test can
 * program (`client.respond('status', value)`), events are emitted with `client.emit`, and calls are
 * recorded with their inputs. What the engine really answers is covered by the e2e suite.
 *
 * @example
 * const client = fakeClient();
 * client.respond('listRules', { rules: [], snoozes: [] });
 * client.emit('sample', { ts: 1, values: { 'cpu.total': 5 } });
 */
import { vi, type Mock } from 'vitest';
import {
  EVENT_NAMES,
  METHOD_NAMES,
  type DashlightEvents,
  type EventName,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract.js';
import type { SampleSubscription } from '../../shared/live-subscription.js';
import type { ConnectionState, DashlightClient } from '../lib/client/client-types.js';
import { Listeners } from '../lib/client/listeners.js';

export type FakeClient = DashlightClient & {
  [K in MethodName]: Mock;
} & {
  respond<K extends MethodName>(
    method: K,
    value: MethodOutput<K> | ((input: unknown) => MethodOutput<K> | Promise<MethodOutput<K>>),
  ): void;
  fail(
    method: MethodName,
    error: { name: string; message: string; issues?: { path: string; message: string }[] },
  ): void;
  emit<K extends EventName>(event: K, payload: DashlightEvents[K]): void;
  setConnection(state: ConnectionState, reconnected?: boolean): void;
  /** Every subscription asked for, in order. */
  readonly subscriptions: SampleSubscription[];
};

export function fakeClient(transport: 'ipc' | 'http' = 'http'): FakeClient {
  const events = new Map(EVENT_NAMES.map((name) => [name, new Listeners<[unknown]>()]));
  const connection = new Listeners<[ConnectionState, boolean]>();
  let state: ConnectionState = 'open';
  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      vi.fn(async () => Promise.reject({ name: 'Error', message: `${name}: no fake answer` })),
    ]),
  ) as unknown as Record<MethodName, Mock>;
  const subscriptions: SampleSubscription[] = [];
  const client = {
    ...methods,
    transport,
    subscriptions,
    subscribe: (subscription: SampleSubscription) => subscriptions.push(subscription),
    on: (event: EventName, listener: (payload: unknown) => void) => events.get(event)!.add(listener),
    onConnection: (listener: (state: ConnectionState, reconnected: boolean) => void) => connection.add(listener),
    get connection() {
      return state;
    },
    close() {},
    respond(method: MethodName, value: unknown) {
      methods[method].mockImplementation(async (input: unknown) =>
        typeof value === 'function' ? value(input) : value,
      );
    },
    fail(method: MethodName, error: unknown) {
      methods[method].mockImplementation(async () => Promise.reject(error));
    },
    emit(event: EventName, payload: unknown) {
      events.get(event)!.emit(payload);
    },
    setConnection(next: ConnectionState, reconnected = false) {
      state = next;
      connection.emit(next, reconnected);
    },
  };
  return client as unknown as FakeClient;
}
