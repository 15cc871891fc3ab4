import type { ApiResponse } from '../../shared/contract/client';
import type { ChangeEnvelope } from '../../shared/contract/changes';
import type { ApiErrorBody } from '../../shared/contract/errors';
import type { PaperBox, PaperSetup } from '../core/print/pdfRenderer';

/**
 * The messages between the desktop app's main process (electron/shell/planServiceHost.ts) and its
 * plan service (planService.ts, in an Electron utility process). Every request carries an id
 * and gets exactly one reply with that id; the service also sends, unasked, what other programs
 * changed in the plan, and asks the main process to print (Electron's printing needs a window).
 */

/** A plan the service opened: what the window's title needs. */
export interface OpenedPlan {
  file: string;
  title: string;
  readOnly: boolean;
}

/** Create the bundled sample plan at the file before opening it (always, or only when it is not there yet). */
export interface SampleToMake {
  dataDir: string;
  onlyIfMissing: boolean;
}

/** An upload the main process streamed into the service's file folder (FileExchange.adopt). */
export interface ReceivedUpload {
  upload: string;
  fileName: string;
  bytes: number;
}

export type ServiceRequest =
  | { kind: 'open'; file: string; sample?: SampleToMake }
  | { kind: 'call'; name: string; input: unknown }
  | { kind: 'adoptUpload'; received: ReceivedUpload }
  | { kind: 'download'; download: string };

/** What each request is answered with. */
export interface ServiceReplies {
  open: { ok: true; plan: OpenedPlan } | { ok: false; error: ApiErrorBody };
  call: ApiResponse;
  adoptUpload: { ok: true; received: ReceivedUpload } | { ok: false; error: ApiErrorBody };
  download: { path: string; fileName: string; bytes: number } | null;
}

/** A print job the service hands to the main process's Electron print engine. */
export type PrintJob =
  | { op: 'evaluate'; html: string; expression: string; viewportWidth: number }
  | { op: 'pdf'; html: string; paper: PaperBox }
  | { op: 'print'; html: string; paper: PaperSetup; jobName: string };

/** Main → service. */
export type ToService =
  | { kind: 'request'; id: number; request: ServiceRequest }
  | { kind: 'printed'; id: number; ok: true; value: unknown }
  | { kind: 'printed'; id: number; ok: false; message: string }
  /** Close the plan and exit (the app is quitting). */
  | { kind: 'close' };

/** Service → main. */
export type FromService =
  /** Started: the private folder of the page's files, and the largest upload it takes. */
  | { kind: 'ready'; filesDir: string; uploadLimit: number }
  | { kind: 'reply'; id: number; reply: unknown }
  /** What another program changed in the open plan (core/api/planEvents.ts). */
  | { kind: 'changes'; changes: ChangeEnvelope }
  | { kind: 'print'; id: number; job: PrintJob };

/** The name the service's process has in the OS and in Electron's process metrics. */
export const SERVICE_NAME = 'Planbench plan service';
