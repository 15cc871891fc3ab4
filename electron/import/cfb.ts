import type { ByteSource } from './byteSource';

/**
 * Names of the streams in an OLE2 compound file (MS-CFB): the container of legacy .xls (a
 * "Workbook" or "Book" stream), WPS .et, legacy .doc ("WordDocument") and — what matters most
 * here — password-protected .xlsx files, which Excel and WPS wrap in a compound file holding
 * "EncryptionInfo" and "EncryptedPackage". Only the directory is read, to say which it is.
 */

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTORS_WALKED = 100_000;

/** The stream and storage names of a compound file, or null if its structure is unreadable. */
export async function compoundFileNames(source: ByteSource): Promise<string[] | null> {
  if (source.size < 512) return null;
  const header = await source.read(0, 512);
  if (!header.subarray(0, 8).equals(CFB_SIGNATURE)) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sector = async (index: number): Promise<Buffer | null> => {
    const offset = (index + 1) * sectorSize;
    if (offset + sectorSize > source.size) return null;
    return source.read(offset, sectorSize);
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let index = 0; index < 109; index++) {
    const value = header.readUInt32LE(0x4c + index * 4);
    if (value < END_OF_CHAIN) fatSectors.push(value);
  }
  let difat = header.readUInt32LE(0x44);
  for (let walked = 0; difat < END_OF_CHAIN && walked < MAX_SECTORS_WALKED; walked++) {
    const block = await sector(difat);
    if (!block) return null;
    for (let at = 0; at < sectorSize - 4; at += 4) {
      const value = block.readUInt32LE(at);
      if (value < END_OF_CHAIN) fatSectors.push(value);
    }
    difat = block.readUInt32LE(sectorSize - 4);
  }
  const fat: number[] = [];
  for (const index of fatSectors.slice(0, MAX_SECTORS_WALKED)) {
    const block = await sector(index);
    if (!block) return null;
    for (let at = 0; at < sectorSize; at += 4) fat.push(block.readUInt32LE(at));
  }

  const names: string[] = [];
  let current = header.readUInt32LE(0x30);
  for (let walked = 0; current < END_OF_CHAIN && walked < MAX_SECTORS_WALKED; walked++) {
    const block = await sector(current);
    if (!block) return null;
    for (let at = 0; at + 128 <= sectorSize; at += 128) {
      const type = block[at + 0x42];
      const length = block.readUInt16LE(at + 0x40);
      if ((type === 1 || type === 2 || type === 5) && length >= 2 && length <= 64) {
        names.push(block.subarray(at, at + length - 2).toString('utf16le'));
      }
    }
    const next = fat[current];
    if (next === undefined) return null;
    current = next;
  }
  return names;
}
