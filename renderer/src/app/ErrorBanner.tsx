import { describeError, PlanbenchError } from '../../../shared/contract/errors';

/** A failed call, in Chinese first and English too, with where it happened. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof PlanbenchError ? describeError(error.body) : String(error);
  return (
    <div className="error-banner" role="alert">
      {text}
    </div>
  );
}
