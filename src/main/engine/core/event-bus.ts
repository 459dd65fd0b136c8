/**
 * The contract's events (src/shared/contract.ts), typed: modules emit, transports and hosts listen.
 *
 * @example
 * const bus = new EventBus();
 * const off = bus.on('sample', (s) => console.log(s.ts));
 * bus.emit('sample', sample); off();
 */
import { EventEmitter } from 'node:events';
import type { DashlightEvents, EventName } from '../../../shared/contract.js';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every SSE client and IPC window listens; Node's leak warning at 10 would be noise.
    this.emitter.setMaxListeners(50);
  }

  emit<K extends EventName>(event: K, payload: DashlightEvents[K]): void {
    this.emitter.emit(event, payload);
  }

  /** Returns the function that removes the listener. */
  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }
}
