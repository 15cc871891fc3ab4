/** Percentage points behind the time elapsed at which a row is 滞后 and beyond which it is 严重滞后. */
export interface SupervisionThresholds {
  behind: number;
  seriouslyBehind: number;
}

export const DEFAULT_THRESHOLDS: SupervisionThresholds = { behind: 10, seriouslyBehind: 30 };

/**
 * The thresholds a user gives for 滞后 and 严重滞后 (percentage points behind the time elapsed),
 * checked in one place for the 督查 panel, the CLI's `--thresholds 10,30` and the API: both
 * numbers, 0 to 100, the yellow one below the red one. A refusal says why, in Chinese and English.
 */

export type ThresholdsReading = { ok: true; thresholds: SupervisionThresholds } | { ok: false; zh: string; en: string };

export function checkThresholds(behind: number, seriouslyBehind: number): ThresholdsReading {
  for (const [value, zh, en] of [
    [behind, '滞后阈值', 'the behind threshold'],
    [seriouslyBehind, '严重滞后阈值', 'the seriously-behind threshold'],
  ] as const) {
    if (!Number.isFinite(value)) return { ok: false, zh: `${zh}须为数字`, en: `${en} must be a number` };
    if (value < 0 || value > 100) {
      return {
        ok: false,
        zh: `${zh}须在 0 到 100 个百分点之间（现为 ${value}）`,
        en: `${en} must be between 0 and 100 percentage points (it is ${value})`,
      };
    }
  }
  if (behind >= seriouslyBehind) {
    return {
      ok: false,
      zh: `滞后阈值（${behind}）须小于严重滞后阈值（${seriouslyBehind}）`,
      en: `the behind threshold (${behind}) must be below the seriously-behind threshold (${seriouslyBehind})`,
    };
  }
  return { ok: true, thresholds: { behind, seriouslyBehind } };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** One threshold as typed ("10", "12.5", "10%"); NaN when it is not a number. */
export function thresholdNumber(text: string): number {
  const trimmed = text.trim().replace(/[%％]$/, '');
  return NUMBER.test(trimmed) ? Number(trimmed) : NaN;
}

/** "10,30" (or "10，30", "10 30"): the two thresholds, checked. */
export function readThresholds(text: string): ThresholdsReading {
  const parts = text.trim().split(/\s*[,，、\s]\s*/);
  if (parts.length !== 2) {
    return {
      ok: false,
      zh: `阈值须为两个数，滞后和严重滞后，如 10,30（收到“${text}”）`,
      en: `thresholds are two numbers, behind and seriously behind, e.g. 10,30 (got "${text}")`,
    };
  }
  return checkThresholds(thresholdNumber(parts[0]!), thresholdNumber(parts[1]!));
}
