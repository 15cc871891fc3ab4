import type { Actor } from '../store/actor';
import { desktopActor, localAuthor, processActor } from '../store/actor';

/**
 * Who acts through each front end (store/actor.ts), for the transports: they name their caller
 * here and never reach into the store.
 */
export type { Actor };
export { desktopActor, processActor };

/** A tab of the browser edition: the person at this computer, through that tab. */
export function windowActor(windowId: string): Actor {
  return { author: localAuthor(), client: `browser:${windowId}` };
}
