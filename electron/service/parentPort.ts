import type { FromService, ToService } from './protocol';

/**
 * The plan service's line to the process that started it. In Electron's utility process that is
 * `process.parentPort` (each message arrives as an event whose `data` is the message); under
 * plain Node, started with child_process.fork (the shell's tests), it is the IPC channel
 * (`process.on('message')`, `process.send`). Which one is there is seen at start-up.
 */
export interface ServicePort {
  post(message: FromService): void;
  listen(handler: (message: ToService) => void): void;
  /** The parent is gone (a forked child's channel closed): the service has no one to serve. */
  onParentGone(handler: () => void): void;
}

/** The part of Electron's ParentPort used here (typed locally: the service never loads Electron). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function portToParent(): ServicePort {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      listen: (handler) => electronPort.on('message', (event) => handler(event.data as ToService)),
      // Electron ends a utility process with its parent.
      onParentGone: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('the plan service must be started by the app (utilityProcess.fork or child_process.fork)');
  return {
    post: (message) => void send(message),
    listen: (handler) => process.on('message', (message) => handler(message as ToService)),
    onParentGone: (handler) => process.once('disconnect', handler),
  };
}
