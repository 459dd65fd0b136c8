/** The event emitter the fake Electron objects are built on. */
import { EventEmitter } from 'node:events';

/** An Electron-like event emitter whose `emit` returns what the listeners returned. */
export class Emitter extends EventEmitter {
  fire(event: string, ...args: unknown[]): void {
    this.emit(event, ...args);
  }
}
