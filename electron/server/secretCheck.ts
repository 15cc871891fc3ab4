import crypto from 'node:crypto';

/** Whether `given` is the secret, compared in constant time so it cannot be guessed a character at a time. */
export function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const candidate = Buffer.from(given);
  const expected = Buffer.from(secret);
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}
