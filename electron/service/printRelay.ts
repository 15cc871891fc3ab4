import type { PaperBox, PaperSetup, PdfRenderer, SystemPrinter } from '../core/print/pdfRenderer';
import type { FromService, PrintJob, ToService } from './protocol';

/**
 * The plan service's printing: Electron prints with its own Chromium in hidden windows, which
 * only the main process can open, so each job (the HTML and its paper) goes there and the
 * service awaits the measurement, the PDF's bytes or the print dialog's outcome. Installed with
 * setPdfRenderer/setSystemPrinter (core/print/engine.ts): the printing code does not know.
 */
export class PrintRelay implements PdfRenderer, SystemPrinter {
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly post: (message: FromService) => void) {}

  evaluate(html: string, expression: string, viewportWidth: number): Promise<unknown> {
    return this.relay({ op: 'evaluate', html, expression, viewportWidth });
  }

  async pdf(html: string, paper: PaperBox): Promise<Uint8Array> {
    const bytes = await this.relay({ op: 'pdf', html, paper });
    // Structured clone keeps a Uint8Array; a Node Buffer arrives as one too.
    if (!(bytes instanceof Uint8Array)) throw new Error('the main process answered a PDF job without bytes');
    return bytes;
  }

  async print(html: string, paper: PaperSetup, jobName: string): Promise<boolean> {
    return (await this.relay({ op: 'print', html, paper, jobName })) === true;
  }

  /** The main process's answer to a job. */
  printed(message: Extract<ToService, { kind: 'printed' }>): void {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new Error(message.message));
  }

  async close(): Promise<void> {
    // The print windows belong to the main process, which closes each after its job.
  }

  private relay(job: PrintJob): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ kind: 'print', id, job });
    });
  }
}
