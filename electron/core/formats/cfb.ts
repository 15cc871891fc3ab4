import type { ByteSource } from './byteSource';

/**
 * An OLE2 compound file (MS-CFB): the container of legacy .xls and WPS .et (a "Workbook" or
 * "Book" stream), legacy .doc ("WordDocument") and password-protected .xlsx files, which Excel and
 * WPS wrap in a compound file holding "EncryptionInfo" and "EncryptedPackage". The directory says
 * which it is; a workbook's stream is then read whole (from the FAT's sector chains, or from the
 * mini stream for streams under the cutoff, usually 4096 bytes).
 *
 * The file is untrusted: every chain is walked with a guard against loops and sectors outside the
 * file, so a crafted FAT cannot make a stream larger than the file or a walk that never ends.
 */

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTORS_WALKED = 1_000_000;
const HEADER_FAT_ENTRIES = 109;

export interface CompoundEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface CompoundFile {
  source: ByteSource;
  entries: CompoundEntry[];
  /** The whole stream named `name` (case-insensitively, as MS-CFB compares names), or null if it is absent. */
  readStream(name: string, maxBytes: number): Promise<Buffer | null>;
}

/** Why a compound file cannot be read: its structure is damaged, or a stream exceeds a cap. */
export class CompoundFileError extends Error {
  constructor(
    readonly reason: 'damaged' | 'tooLarge',
    message: string,
  ) {
    super(message);
  }
}

const damaged = (what: string) => new CompoundFileError('damaged', what);

/** Open a compound file's directory; null when it is not one or its header/directory is unreadable. */
export async function openCompoundFile(source: ByteSource): Promise<CompoundFile | null> {
  try {
    return await openOrThrow(source);
  } catch (error) {
    if (error instanceof CompoundFileError) return null;
    throw error;
  }
}

/** The stream and storage names of a compound file, or null if its structure is unreadable. */
export async function compoundFileNames(source: ByteSource): Promise<string[] | null> {
  return (await openCompoundFile(source))?.entries.map((entry) => entry.name) ?? null;
}

async function openOrThrow(source: ByteSource): Promise<CompoundFile> {
  if (source.size < 512) throw damaged('shorter than a header');
  const header = await source.read(0, 512);
  if (!header.subarray(0, 8).equals(CFB_SIGNATURE)) throw damaged('no signature');
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw damaged(`sector shift ${shift}`);
  const sectorSize = 1 << shift;
  const miniShift = header.readUInt16LE(0x20);
  if (miniShift < 1 || miniShift >= shift) throw damaged(`mini sector shift ${miniShift}`);
  const miniSectorSize = 1 << miniShift;
  const miniCutoff = header.readUInt32LE(0x38);
  // Some writers leave the last sector short: it still counts, read up to the end of the file.
  const sectorCount = Math.ceil(source.size / sectorSize) - 1;

  const sector = async (index: number): Promise<Buffer> => {
    if (index >= sectorCount) throw damaged(`sector ${index} is past the end of the file`);
    const offset = (index + 1) * sectorSize;
    const bytes = await source.read(offset, Math.min(sectorSize, source.size - offset));
    return bytes.length === sectorSize ? bytes : Buffer.concat([bytes, Buffer.alloc(sectorSize - bytes.length)]);
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let index = 0; index < HEADER_FAT_ENTRIES; index++) {
    const value = header.readUInt32LE(0x4c + index * 4);
    if (value < END_OF_CHAIN) fatSectors.push(value);
  }
  const seenDifat = new Set<number>();
  for (let difat = header.readUInt32LE(0x44); difat < END_OF_CHAIN;) {
    if (seenDifat.has(difat) || seenDifat.size > MAX_SECTORS_WALKED) throw damaged('the DIFAT chain loops');
    seenDifat.add(difat);
    const block = await sector(difat);
    for (let at = 0; at < sectorSize - 4; at += 4) {
      const value = block.readUInt32LE(at);
      if (value < END_OF_CHAIN) fatSectors.push(value);
    }
    difat = block.readUInt32LE(sectorSize - 4);
  }
  if (fatSectors.length > sectorCount + 1) throw damaged('more FAT sectors than the file has');
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  for (const [position, index] of fatSectors.entries()) {
    const block = await sector(index);
    for (let at = 0; at < sectorSize; at += 4) fat[position * (sectorSize / 4) + at / 4] = block.readUInt32LE(at);
  }

  /** The sectors of a chain, in order; a loop or a sector outside the file is damage. */
  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const sectors: number[] = [];
    const seen = new Set<number>();
    for (let current = start; current < END_OF_CHAIN;) {
      if (seen.has(current)) throw damaged('a sector chain loops');
      if (current >= limit || current >= table.length) throw damaged(`sector ${current} is outside the file`);
      seen.add(current);
      sectors.push(current);
      current = table[current]!;
    }
    return sectors;
  };

  /** Read the given sectors, one read per run of consecutive sectors. */
  const readSectors = async (sectors: readonly number[], size: number): Promise<Buffer> => {
    const parts: Buffer[] = [];
    let have = 0;
    for (let at = 0; at < sectors.length && have < size;) {
      let run = 1;
      while (at + run < sectors.length && sectors[at + run] === sectors[at]! + run) run++;
      const first = sectors[at]!;
      if (first + run > sectorCount) throw damaged(`sector ${first + run - 1} is past the end of the file`);
      const length = Math.min(run * sectorSize, size - have);
      if ((first + 1) * sectorSize + length > source.size) throw damaged('a stream runs past the end of the file');
      parts.push(await source.read((first + 1) * sectorSize, length));
      have += length;
      at += run;
    }
    if (have < size) throw damaged('a stream is shorter than its directory entry says');
    return Buffer.concat(parts, size);
  };

  const directorySectors = chain(header.readUInt32LE(0x30), fat, sectorCount);
  const directory = await readSectors(directorySectors, directorySectors.length * sectorSize);
  const entries: CompoundEntry[] = [];
  for (let at = 0; at + 128 <= directory.length; at += 128) {
    const type = directory[at + 0x42]!;
    const length = directory.readUInt16LE(at + 0x40);
    if ((type === 1 || type === 2 || type === 5) && length >= 2 && length <= 64) {
      entries.push({
        name: directory.subarray(at, at + length - 2).toString('utf16le'),
        type,
        start: directory.readUInt32LE(at + 0x74),
        // Version 3 files may leave garbage in the high half of the size: only the low half counts.
        size: directory.readUInt32LE(at + 0x78),
      });
    }
  }
  const root = entries.find((entry) => entry.type === 5);

  let miniStream: { fat: Uint32Array; data: Buffer } | null = null;
  const mini = async (): Promise<{ fat: Uint32Array; data: Buffer }> => {
    if (miniStream) return miniStream;
    if (!root) throw damaged('no root entry');
    const miniFatSectors = chain(header.readUInt32LE(0x3c), fat, sectorCount);
    const miniFatBytes = await readSectors(miniFatSectors, miniFatSectors.length * sectorSize);
    const miniFat = new Uint32Array(miniFatBytes.length / 4);
    for (let index = 0; index < miniFat.length; index++) miniFat[index] = miniFatBytes.readUInt32LE(index * 4);
    const rootSectors = chain(root.start, fat, sectorCount);
    if (root.size > rootSectors.length * sectorSize) throw damaged('the mini stream is shorter than its entry says');
    miniStream = { fat: miniFat, data: await readSectors(rootSectors, root.size) };
    return miniStream;
  };

  return {
    source,
    entries,
    readStream: async (name, maxBytes) => {
      const wanted = name.toLowerCase();
      const entry = entries.find((candidate) => candidate.type === 2 && candidate.name.toLowerCase() === wanted);
      if (!entry) return null;
      if (entry.size > maxBytes) throw new CompoundFileError('tooLarge', `stream ${name} is ${entry.size} bytes`);
      if (entry.size === 0) return Buffer.alloc(0);
      if (entry.size < miniCutoff) {
        const { fat: miniFat, data } = await mini();
        const sectors = chain(entry.start, miniFat, Math.floor(data.length / miniSectorSize));
        if (sectors.length * miniSectorSize < entry.size)
          throw damaged('a stream is shorter than its directory entry says');
        const bytes = Buffer.alloc(entry.size);
        sectors.forEach((index, order) => {
          const at = order * miniSectorSize;
          if (at < entry.size)
            data.copy(
              bytes,
              at,
              index * miniSectorSize,
              Math.min((index + 1) * miniSectorSize, index * miniSectorSize + entry.size - at),
            );
        });
        return bytes;
      }
      const sectors = chain(entry.start, fat, sectorCount);
      if (sectors.length * sectorSize < entry.size) throw damaged('a stream is shorter than its directory entry says');
      return readSectors(sectors, entry.size);
    },
  };
}
