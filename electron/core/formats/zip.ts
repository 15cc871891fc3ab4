import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ByteSource } from './byteSource';
import { IMPORT_CAPS, mib, sizeText, thousands } from './caps';
import { badFile } from './fileErrors';

/**
 * A zip reader of our own: the central directory is parsed from the end of the file, and each
 * entry is inflated as a stream (node:zlib), counted and checksummed as it goes. An entry is
 * never inflated whole unless it is small, so a large sheet is parsed while it is unpacked, and
 * a zip bomb is stopped at the first byte past the cap, whatever sizes its directory claims.
 *
 * Kept rather than replaced by yauzl (issue 14: a maintained library unless it loses more than
 * 5%), by the figures of `npm run bench` section 8 (bench/zip.ts), 2026-12-04, the 100,000-row
 * workbook (7.4 MiB, inflating to 66 MiB), every entry streamed with its CRC-32 checked, medians
 * of 5 alternating runs on the shared 2-core machine: ours 63 ms (CPU 65 ms); yauzl 3.4.0
 * open(path) 152 ms (CPU 148 ms), 2.40× ours; yauzl over our ByteSource 151 ms, 2.38×. yauzl
 * inflates in zlib's default 16 KiB pieces (no option to change it) and checks no CRC-32; it
 * would also hide the compressed bytes consumed, which the compression-ratio cap needs.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  source: ByteSource;
  /** Entries by lower-case name (OPC part names are case-insensitive). */
  entries: Map<string, ZipEntry>;
  /** Bytes every entry inflated so far may still grow by, across the whole workbook. */
  budget: { remaining: number };
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

function damaged(file: string, detailZh: string, detailEn: string) {
  return badFile(
    file,
    `文件不完整或已损坏（${detailZh}）；可能在下载、复制或邮件传送时被截断，请向发送方索取原文件`,
    `the file is incomplete or damaged (${detailEn}); it may have been cut off while downloading, copying or mailing — ask the sender for the original`,
  );
}

/** Past the cap of one part, or (`total`) of all the parts read together. */
export function zipBomb(file: string, part: string, cap: number, total = false): PlanbenchError {
  const whole = mib(IMPORT_CAPS.uncompressedBytes);
  return total
    ? badFile(
        file,
        `解压后的内容合计超过整个文件 ${whole} 的上限（读到 ${part} 时），疑似“zip 炸弹”或异常文件，已停止读取`,
        `its parts unpack to more than the limit of ${whole} for the whole file (reached at ${part}); this looks like a zip bomb or a malformed file, so reading stopped`,
      )
    : badFile(
        file,
        `${part} 解压后超过 ${mib(cap)} 的上限，疑似“zip 炸弹”或异常文件，已停止读取`,
        `${part} unpacks to more than the limit of ${mib(cap)}; this looks like a zip bomb or a malformed file, so reading stopped`,
      );
}

/** An entry inflating to more than its zip directory states: damaged, or a bomb in disguise. */
function largerThanDeclared(file: string, entry: ZipEntry): PlanbenchError {
  return badFile(
    file,
    `${entry.name} 解压后超过 zip 目录中记录的大小（${sizeText(entry.size)}），文件已损坏或被篡改（疑似“zip 炸弹”），已停止读取`,
    `${entry.name} unpacks to more than the ${sizeText(entry.size)} its zip directory states; the file is damaged or tampered with (it looks like a zip bomb), so reading stopped`,
  );
}

/** An entry far more compressed than any workbook's XML: a zip bomb. */
function overCompressed(file: string, part: string): PlanbenchError {
  const ratio = IMPORT_CAPS.compressionRatio;
  return badFile(
    file,
    `${part} 的压缩比超过 ${ratio}:1（正常的工作表和字符串表不会压缩到这种程度），疑似“zip 炸弹”，已停止读取`,
    `${part} is compressed more than ${ratio} to 1 (no real sheet or string table compresses that far); it looks like a zip bomb, so reading stopped`,
  );
}

export async function openZip(source: ByteSource): Promise<ZipArchive> {
  const file = source.name;
  if (source.size < EOCD_MIN) throw damaged(file, '文件过短', 'too short to be a workbook');
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let index = tail.length - EOCD_MIN; index >= 0; index--) {
    if (tail.readUInt32LE(index) === EOCD_SIGNATURE) {
      eocd = index;
      break;
    }
  }
  if (eocd < 0) throw damaged(file, '找不到 zip 目录', 'its zip directory is missing');
  let entryCount = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // Zip64: the real values sit in a record the locator (just before the EOCD) points to.
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR_SIGNATURE) {
      throw damaged(file, 'zip64 目录缺失', 'the zip64 directory is missing');
    }
    const recordOffset = Number(tail.readBigUInt64LE(locatorAt + 8));
    if (recordOffset + 56 > source.size) throw damaged(file, 'zip64 目录越界', 'the zip64 directory lies past the end');
    const record = await source.read(recordOffset, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE)
      throw damaged(file, 'zip64 目录无效', 'invalid zip64 directory');
    entryCount = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (entryCount > IMPORT_CAPS.zipEntries) {
    throw badFile(
      file,
      `压缩包内有 ${thousands(entryCount)} 个条目，超过 ${thousands(IMPORT_CAPS.zipEntries)} 的上限`,
      `it holds ${thousands(entryCount)} entries, more than the limit of ${thousands(IMPORT_CAPS.zipEntries)}`,
    );
  }
  if (directoryOffset + directorySize > source.size) {
    throw damaged(file, 'zip 目录超出文件末尾', 'the zip directory lies past the end of the file');
  }
  const directory = await source.read(directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let index = 0; index < entryCount; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw damaged(file, 'zip 目录条目无效', 'a zip directory entry is invalid');
    }
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      // Bit 11: the name is UTF-8; otherwise it is CP437, which for OPC part names is ASCII.
      name: rawName
        .toString(flags & 0x800 ? 'utf8' : 'latin1')
        .replace(/\\/g, '/')
        .replace(/^\//, ''),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    readZip64Extra(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    if (entry.localHeaderOffset + entry.compressedSize > source.size) {
      throw damaged(file, `条目 ${entry.name} 超出文件末尾`, `entry ${entry.name} lies past the end of the file`);
    }
    entries.set(entry.name.toLowerCase(), entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { source, entries, budget: { remaining: IMPORT_CAPS.uncompressedBytes } };
}

/** Sizes and offset too large for 32 bits are in the zip64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        const value = field + 8 <= at + 4 + length ? Number(extra.readBigUInt64LE(field)) : 0;
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  return zip.entries.get(name.replace(/^\//, '').toLowerCase());
}

async function dataOffset(zip: ZipArchive, entry: ZipEntry): Promise<number> {
  const header = await zip.source.read(entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw damaged(zip.source.name, `条目 ${entry.name} 的本地头无效`, `the local header of ${entry.name} is invalid`);
  }
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function checkEntry(zip: ZipArchive, entry: ZipEntry, cap: number, limitRatio: boolean): void {
  const file = zip.source.name;
  if (entry.flags & 0x1) {
    throw badFile(
      file,
      '工作簿受密码保护（已加密），请先在 Excel/WPS 中取消密码后另存为 .xlsx',
      'the workbook is password-protected (encrypted); remove the password in Excel or WPS and save it as .xlsx',
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw badFile(
      file,
      `条目 ${entry.name} 使用了不支持的压缩方式（${entry.method}）`,
      `entry ${entry.name} uses an unsupported compression method (${entry.method})`,
    );
  }
  if (entry.size > cap) throw zipBomb(file, entry.name, cap);
  if (entry.size > zip.budget.remaining) throw zipBomb(file, entry.name, cap, true);
  if (
    limitRatio &&
    entry.size >= IMPORT_CAPS.ratioFromBytes &&
    entry.size > entry.compressedSize * IMPORT_CAPS.compressionRatio
  ) {
    throw overCompressed(file, entry.name);
  }
}

/**
 * The inflated bytes of one entry, chunk by chunk, counted as they come: none of the sizes in
 * the zip directory is trusted. Stops with a clear message at the first byte past the size the
 * directory states, past `cap` (or the workbook's remaining budget), on a damaged stream, on a
 * checksum mismatch, and — with `limitRatio`, for the large parts that are streamed (sheets,
 * shared strings) — when the bytes inflated so far outnumber the compressed bytes consumed by
 * more than the ratio limit. Parts read whole are bounded by their own small cap instead: a
 * styles part bloated with thousands of identical formats (a real Excel pathology) compresses
 * some 300 to 1 and must still be read.
 */
export async function* entryChunks(
  zip: ZipArchive,
  entry: ZipEntry,
  cap: number,
  limitRatio = true,
): AsyncGenerator<Buffer> {
  checkEntry(zip, entry, cap, limitRatio);
  const file = zip.source.name;
  const start = await dataOffset(zip, entry);
  const raw = zip.source.stream(start, start + entry.compressedSize);
  const inflater = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: 128 * 1024 }) : null;
  const output = inflater ? pipeline(raw, inflater, () => {}) : raw;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.size) throw largerThanDeclared(file, entry);
      zip.budget.remaining -= chunk.length;
      if (size > cap) throw zipBomb(file, entry.name, cap);
      if (zip.budget.remaining < 0) throw zipBomb(file, entry.name, cap, true);
      // bytesWritten: the compressed bytes the inflater has consumed so far (not merely read).
      if (
        limitRatio &&
        inflater &&
        size >= IMPORT_CAPS.ratioFromBytes &&
        size > inflater.bytesWritten * IMPORT_CAPS.compressionRatio
      ) {
        throw overCompressed(file, entry.name);
      }
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof PlanbenchError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw damaged(file, `${entry.name} 无法解压：${detail}`, `${entry.name} cannot be unpacked: ${detail}`);
  } finally {
    raw.destroy();
    if (output !== raw) output.destroy();
  }
  if (size !== entry.size || crc >>> 0 !== entry.crc32 >>> 0) {
    throw damaged(file, `${entry.name} 校验失败`, `${entry.name} fails its checksum`);
  }
}

/** A small entry read whole (workbook.xml, styles, relationships). */
export async function readEntry(
  zip: ZipArchive,
  entry: ZipEntry,
  cap: number = IMPORT_CAPS.smallPartBytes,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(zip, entry, cap, false)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
