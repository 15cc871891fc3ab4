import type { z } from 'zod';
import { budgetsCalls } from './calls/budgets';
import { checksCalls } from './calls/checks';
import { coreCalls } from './calls/core';
import { documentsCalls } from './calls/documents';
import { editingCalls } from './calls/editing';
import { exchangeCalls } from './calls/exchange';
import { importingCalls } from './calls/importing';
import { printingCalls } from './calls/printing';
import { wordExportCalls } from './calls/wordExport';
import { supervisionCalls } from './calls/supervision';
import { versionsCalls } from './calls/versions';
import { commentsCalls } from './calls/comments';
import { planFilesCalls } from './calls/planFiles';
import { versionViewCalls } from './calls/versionView';

/**
 * The one API of Planbench. Every operation a front end can ask for is a named call with its
 * input and output schema, grouped by domain under ./calls. The main side implements each call
 * once (electron/core/api); the Electron IPC bridge, the browser edition's HTTP server and the CLI
 * all go through the same dispatcher, which validates every input before anything runs.
 *
 * Calls act on the plan the main side has open. Files are references (files.ts) that each
 * transport resolves: paths from the CLI's arguments, uploads and downloads for a page — a page
 * can never name a path.
 */
export const apiContract = {
  ...coreCalls,
  ...checksCalls,
  ...editingCalls,
  ...exchangeCalls,
  ...importingCalls,
  ...documentsCalls,
  ...printingCalls,
  ...wordExportCalls,
  ...budgetsCalls,
  ...supervisionCalls,
  ...versionsCalls,
  ...commentsCalls,
  ...planFilesCalls,
  ...versionViewCalls,
} as const;

export * from './calls/core';
export * from './calls/checks';
export * from './calls/editing';
export * from './calls/exchange';
export * from './calls/importing';
export * from './calls/documents';
export * from './calls/printing';
export * from './calls/wordExport';
export * from './calls/budgets';
export * from './calls/supervision';
export * from './calls/versions';
export * from './calls/comments';
export * from './calls/planFiles';
export * from './calls/versionView';
export * from './changes';

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<ApiContract[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<ApiContract[N]['output']>;

export const API_NAMES = Object.keys(apiContract) as ApiName[];

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}
