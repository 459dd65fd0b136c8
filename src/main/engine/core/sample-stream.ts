/**
 * The sample stream: every sample the sampling module takes, handed to each reader in the order
 * the readers subscribed (module order). A reader that throws costs only itself: the sample still
 * reaches the others, and sampling goes on.
 *
 * @example
 * const stream = new SampleStream(log);
 * stream.subscribe((sample) => rolling.push(sample));
 * stream.publish(sample);
 */
import type { Sample } from '../../../shared/sample.js';
import type { Logger } from '../log/logger.js';

export type SampleReader = (sample: Sample) => void;

export class SampleStream {
  private readonly readers: { name: string; read: SampleReader }[] = [];

  constructor(private readonly log: Logger) {}

  /** `name` says who reads, for the log line when it fails. */
  subscribe(name: string, read: SampleReader): void {
    this.readers.push({ name, read });
  }

  publish(sample: Sample): void {
    for (const reader of this.readers) {
      try {
        reader.read(sample);
      } catch (error) {
        this.log.error({ err: error, reader: reader.name }, 'a sample reader failed on this sample');
      }
    }
  }
}
