import type { CliIo } from './command';

/**
 * The CLI's stdout and stderr. When the reader goes away early (`planbench rows … | head -1`),
 * writing gets EPIPE; that is not a failure of the command, so output simply stops and the
 * command finishes its work and exits as it would have — never a stack trace, and never a
 * command cut off halfway through writing a plan or its files.
 */

interface Channel {
  write: (text: string) => void;
}

function channel(stream: NodeJS.WriteStream): Channel {
  let closed = false;
  // EPIPE: the reader has gone. Any other error of a pipe means the same for us: this output
  // can no longer be written; the command's own outcome still decides the exit code.
  stream.on('error', () => {
    closed = true;
  });
  return {
    write: (text) => {
      if (closed || stream.destroyed) return;
      stream.write(text + '\n');
    },
  };
}

let io: CliIo | null = null;

/** The process's own output, made safe once (listeners are added to the real streams). */
export function processIo(): CliIo {
  if (io) return io;
  const out = channel(process.stdout);
  const err = channel(process.stderr);
  io = { stdout: out.write, stderr: err.write };
  return io;
}
