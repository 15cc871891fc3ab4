import { useEffect, useEffectEvent, useRef, useState } from 'react';

/**
 * Load data for a panel and load it again whenever `deps` change (e.g. a refreshKey bumped after
 * every edit). The previous data stays on screen while the next load runs, and a response that
 * arrives after a newer request has been made is dropped, so typing never shows stale results.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const depsVersion = useDepsVersion(deps);
  const loadNow = useEffectEvent(() => load());
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    loadNow().then(
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
  }, [depsVersion, tick]);
  return { data, error, loading, reload: () => setTick((value) => value + 1) };
}

/**
 * A number that goes up whenever one of `deps` changes (compared as React compares an effect's
 * dependencies), so an effect can depend on a list whose length the caller chooses. Kept in state
 * and updated during render, as React advises for information from the previous render.
 */
function useDepsVersion(deps: readonly unknown[]): number {
  const [seen, setSeen] = useState({ deps, version: 0 });
  const changed = seen.deps.length !== deps.length || deps.some((value, index) => !Object.is(value, seen.deps[index]));
  if (!changed) return seen.version;
  const next = { deps, version: seen.version + 1 };
  setSeen(next);
  return next.version;
}
