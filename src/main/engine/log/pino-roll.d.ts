// pino-roll ships no types; this covers the part Dashlight uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface RollOptions {
    file: string;
    extension?: string;
    size?: string | number;
    frequency?: string | number;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
  }
  export default function roll(options: RollOptions): Promise<DestinationStream & { end(): void }>;
}
