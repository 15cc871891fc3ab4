import type { ChangeEnvelope } from '../../../shared/contract/changes';
import { planModel } from './planModel';
import { windowId } from './windowId';

/** Whether the window hears the plan's changes as they happen, for the status bar. */
export type LiveState = 'live' | 'lost';

const stateListeners = new Set<(state: LiveState) => void>();

/** Hear when the event stream is lost and when it is back. */
export function onLiveState(listener: (state: LiveState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

let following = false;

/**
 * Follow the plan's changes made by others — another tab, another program on the same file —
 * through the browser edition's event stream (electron/server/eventStream.ts). The browser
 * reconnects by itself when the stream drops; whatever happened meanwhile is then read afresh.
 * In the desktop app the main side sends the same envelopes through the preload bridge.
 */
export function followLiveUpdates(): void {
  if (following) return;
  const bridge = window.planbench;
  if (bridge) {
    // The desktop app: the main side sends what other programs change; its own window's calls
    // are not sent back, so nothing is left out here.
    following = true;
    bridge.onChanges?.((changes) => planModel.applyFromOthers(changes as ChangeEnvelope, ''));
    return;
  }
  if (typeof EventSource === 'undefined') return;
  following = true;
  const ownClient = `browser:${windowId()}`;
  const source = new EventSource(`./events?window=${encodeURIComponent(windowId())}`);
  let lost = false;
  source.onmessage = (event: MessageEvent<string>) => {
    planModel.applyFromOthers(JSON.parse(event.data) as ChangeEnvelope, ownClient);
  };
  source.onerror = () => {
    if (lost) return;
    lost = true;
    for (const listener of stateListeners) listener('lost');
  };
  source.onopen = () => {
    if (!lost) return;
    lost = false;
    for (const listener of stateListeners) listener('live');
    void planModel.reload().catch(() => undefined);
  };
}
