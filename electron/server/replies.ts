import type http from 'node:http';
import type { ApiResponse } from '../../shared/contract/client';

/** The browser edition's answers: plain text for requests refused before the API, JSON for calls. */

export function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text + '\n');
}

export function sendJson(response: http.ServerResponse, status: number, body: ApiResponse): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
