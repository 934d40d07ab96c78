import { useState } from 'preact/hooks';

/** One request at a time from a form: busy while it runs, the error it ended with (shown until the next try). */
export function useSend() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    setBusy(true);
    setError(null);
    try {
      return { ok: true, value: await action() };
    } catch (err) {
      setError(err);
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, run, clearError: () => setError(null) };
}
