import { useEffect, useRef, useState } from 'react';

/**
 * Load data for a panel and load it again whenever `deps` change (e.g. a refreshKey bumped after
 * every edit). The previous data stays on screen while the next load runs, and a response that
 * arrives after a newer request has been made is dropped, so typing never shows stale results.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, [...deps, tick]);
  return { data, error, loading, reload: () => setTick((value) => value + 1) };
}
