import type http from 'node:http';
import type { PlanEvents } from '../core/api/planEvents';
import { isWindowId } from '../../shared/contract/windowHeader';
import { windowActor } from '../core/api/actors';
import { sendText } from './replies';

/**
 * The browser edition's live updates: GET …/events is a Server-Sent Events stream of change
 * envelopes (planEvents.ts), one `data:` line of JSON each, authenticated like the API (the
 * per-launch secret in the path, our own Host and Origin — checked before this is reached).
 * A comment line every few seconds keeps idle proxies and the browser from closing it; the
 * browser reconnects by itself when it drops, and the page then reads the plan afresh.
 */

const KEEP_ALIVE_MS = 15_000;

export function handleEvents(request: http.IncomingMessage, response: http.ServerResponse, events: PlanEvents): void {
  if (request.method !== 'GET') return sendText(response, 405, '不支持的请求方法（Method Not Allowed）');
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // Sent as they happen, never held back by a proxy's buffer.
    'X-Accel-Buffering': 'no',
  });
  // How long the browser waits before reconnecting; then a first comment so it knows it is open.
  response.write('retry: 1000\n: planbench\n\n');
  // A window names itself (…/events?window=ID): what only it did, it already knows from its
  // answers — a 10,000-cell paste is not sent back to the window that pasted it.
  const windowId = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('window');
  const own = isWindowId(windowId) ? windowActor(windowId).client : null;
  const stop = events.listen((changes) => {
    if (own !== null && changes.actions.length > 0 && changes.actions.every((action) => action.client === own)) return;
    response.write(`data: ${JSON.stringify(changes)}\n\n`);
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  const close = () => {
    clearInterval(keepAlive);
    stop();
  };
  request.on('close', close);
  response.on('close', close);
}
