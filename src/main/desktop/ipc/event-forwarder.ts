/**
 * Pushes the engine's event streams to the dashboard window. "No IPC events are sent to a hidden
 * or absent window": the dashboard catches up with `latest`/`history` when shown, and sampling at
 * 1 Hz into a hidden renderer would only burn CPU in a process the user is not looking at.
 *
 * @example
 * const stop = forwardEvents(engine.events, () => visibleWebContents(dashboard.current()));
 * app.on('will-quit', stop);
 */
import { EVENT_NAMES, type DashlightEvents, type EventName } from '../../../shared/contract.js';
import { eventChannel } from '../../../shared/ipc-channels.js';
import { narrowSample } from '../../../shared/live-subscription.js';
import type { Sample } from '../../../shared/sample.js';
import type { IpcLog } from './ipc-transport.js';
import type { LiveSubscriptions } from './live-subscriptions.js';

/** The part of `WebContents` the forwarder uses. */
export interface EventSink {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** The part of `BrowserWindow` `visibleWebContents` reads. */
export interface WindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  readonly webContents: EventSink;
}

export interface EventSource {
  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void;
}

/**
 * Subscribes to every event in `EVENT_NAMES` and forwards each to `target()`, asked afresh per
 * event so a recreated window is picked up; `sample` events are narrowed to the window's
 * subscription when it has one. `target` MUST return null when the window is hidden
 * or absent (see `visibleWebContents`); a destroyed webContents is skipped here as well.
 * Returns unsubscribe-all.
 */
export function forwardEvents(
  source: EventSource,
  target: () => EventSink | null,
  log?: IpcLog,
  subscriptions?: LiveSubscriptions,
): () => void {
  const unsubscribes = EVENT_NAMES.map((name) =>
    source.on(name, (payload) => {
      const contents = target();
      if (!contents || contents.isDestroyed()) return;
      try {
        // A window's sample events carry only the series it subscribed to.
        const sent =
          name === 'sample' && subscriptions ? narrowSample(payload as Sample, subscriptions.get(contents)) : payload;
        contents.send(eventChannel(name), sent);
      } catch (err) {
        // A window closing mid-send, or a payload that cannot be cloned, must not throw into the
        // engine's emitter and break its other listeners.
        log?.warn({ event: name, err }, 'could not forward event to the window');
      }
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  };
}

/** The `target` for `forwardEvents`: the window's webContents only while it exists and is shown. */
export function visibleWebContents(win: WindowLike | null | undefined): EventSink | null {
  if (!win || win.isDestroyed() || !win.isVisible()) return null;
  return win.webContents;
}
