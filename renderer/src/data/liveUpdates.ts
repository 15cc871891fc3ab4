import type { ChangeEnvelope } from '../../../shared/contract/changes';
import { planModel } from './planModel';
import { windowId } from './windowId';

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
  // While the stream is lost, whatever others change is missed: once it is back, the plan is read afresh.
  source.onerror = () => {
    lost = true;
  };
  source.onopen = () => {
    if (!lost) return;
    lost = false;
    void planModel.reload().catch(() => undefined);
  };
}
