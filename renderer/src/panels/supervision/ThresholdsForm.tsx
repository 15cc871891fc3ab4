import { useEffect, useState } from 'react';
import type { Thresholds } from '../../../../shared/contract/calls/supervision';
import { checkThresholds, thresholdNumber } from '../../../../shared/rules/supervision/thresholds';
import { api } from '../../data/api';

export interface ThresholdsFormProps {
  /** The plan's thresholds now. */
  thresholds: Thresholds;
  readOnly?: boolean;
  onError(error: unknown): void;
}

/**
 * The plan's thresholds for 滞后 and 严重滞后 (percentage points behind the time elapsed), changed
 * by the user: checked as they are everywhere (shared/rules/supervision/thresholds.ts), saved as
 * one undoable action; a bad value is refused here with the reason and nothing is saved.
 */
export function ThresholdsForm({ thresholds, readOnly = false, onError }: ThresholdsFormProps) {
  const [behind, setBehind] = useState(String(thresholds.behind));
  const [serious, setSerious] = useState(String(thresholds.seriouslyBehind));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setBehind(String(thresholds.behind));
    setSerious(String(thresholds.seriouslyBehind));
  }, [thresholds.behind, thresholds.seriouslyBehind]);

  const changed = behind !== String(thresholds.behind) || serious !== String(thresholds.seriouslyBehind);
  const save = () => {
    const reading = checkThresholds(thresholdNumber(behind), thresholdNumber(serious));
    if (!reading.ok) {
      setProblem(`${reading.zh} / ${reading.en}`);
      return;
    }
    setProblem(null);
    api['supervision.thresholds.set']({ thresholds: reading.thresholds }).catch(onError);
  };
  return (
    <form
      className="sv-thresholds"
      aria-label="督查阈值"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <span title="完成率落后于序时进度多少个百分点">阈值</span>
      <label>
        滞后 ≥
        <input aria-label="滞后阈值" value={behind} onChange={(event) => setBehind(event.target.value)} size={4} />
      </label>
      <label>
        严重滞后 &gt;
        <input
          aria-label="严重滞后阈值"
          value={serious}
          onChange={(event) => setSerious(event.target.value)}
          size={4}
        />
      </label>
      <span className="sv-muted">个百分点</span>
      <button type="submit" disabled={readOnly || !changed}>
        保存阈值
      </button>
      {problem && (
        <div className="sv-problem" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}
