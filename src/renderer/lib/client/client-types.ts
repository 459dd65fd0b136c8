/**
 * What every view talks to: the contract's methods and events, the same over IPC (Electron) and
 * HTTP/SSE (a browser on `dashlight run --serve`), plus the connection state.
 */
import type { DashlightApi, DashlightEvents, EventName } from '../../../shared/contract.js';
import type { ExportResult } from '../../../shared/export.js';

/** `open`: events flow. `connecting`: first contact or reconnecting after a drop. `unauthorized`: the token was refused. */
export type ConnectionState = 'connecting' | 'open' | 'unauthorized';

export interface DashlightClient extends DashlightApi {
  readonly transport: 'ipc' | 'http';
  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void;
  /** Called with every connection change; `reconnected` is true when events resume after a drop. */
  onConnection(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
  readonly connection: ConnectionState;
  /** In a browser an export is downloaded from here; null under Electron, where it is a local file. */
  downloadUrl(result: ExportResult): string | null;
  close(): void;
}
