/**
 * The process stream: every pass over the process table, as the processes module takes it,
 * handed to each reader (the alerts module's process rules). Like the sample stream, a reader
 * that throws costs only itself.
 *
 * @example
 * services.processes.subscribe('alerts', (snapshot) => rules.observe(snapshot));
 */
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';
import type { Logger } from '../log/logger.js';

export type ProcessReader = (snapshot: ProcessSnapshot, gapBefore: boolean) => void;

export class ProcessStream {
  private readonly readers: { name: string; read: ProcessReader }[] = [];

  constructor(private readonly log: Logger) {}

  subscribe(name: string, read: ProcessReader): void {
    this.readers.push({ name, read });
  }

  /** `gapBefore`: this pass follows a gap (a pause, a sleep): time across it never counts. */
  publish(snapshot: ProcessSnapshot, gapBefore: boolean): void {
    for (const reader of this.readers) {
      try {
        reader.read(snapshot, gapBefore);
      } catch (error) {
        this.log.error({ err: error, reader: reader.name }, 'a process reader failed on this pass');
      }
    }
  }
}
