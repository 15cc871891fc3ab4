import crypto from 'node:crypto';

/**
 * Sheet and workbook protection passwords as Excel 2010 and later store them (ECMA-376 agile
 * hashing): SHA-512 over a random salt and the UTF-16LE password, then re-hashed with a 32-bit
 * iteration counter spinCount times. Excel, WPS and LibreOffice verify this form. The password
 * itself is never stored anywhere.
 */

export interface PasswordHash {
  algorithmName: 'SHA-512';
  hashValue: string;
  saltValue: string;
  spinCount: number;
}

/** Excel's own spin count: slow enough to make guessing costly, computed once per workbook batch. */
export const SPIN_COUNT = 100_000;

export function hashPassword(password: string, spinCount = SPIN_COUNT, salt = crypto.randomBytes(16)): PasswordHash {
  let hash = crypto.createHash('sha512').update(salt).update(Buffer.from(password, 'utf16le')).digest();
  const counter = Buffer.alloc(4);
  for (let iteration = 0; iteration < spinCount; iteration++) {
    counter.writeUInt32LE(iteration, 0);
    hash = crypto.createHash('sha512').update(hash).update(counter).digest();
  }
  return {
    algorithmName: 'SHA-512',
    hashValue: hash.toString('base64'),
    saltValue: salt.toString('base64'),
    spinCount,
  };
}

/** Check a password against a stored hash (used by tests, and to confirm what was written). */
export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const again = hashPassword(password, stored.spinCount, Buffer.from(stored.saltValue, 'base64'));
  return crypto.timingSafeEqual(Buffer.from(again.hashValue, 'base64'), Buffer.from(stored.hashValue, 'base64'));
}
