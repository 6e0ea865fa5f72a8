import { useEffect, useState } from 'preact/hooks';

export type Async<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: Error };

/** Runs `fn` whenever `deps` change; a stale answer (deps changed meanwhile) is dropped. `reload` runs it again. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): Async<T> & { reload: () => void } {
  const [res, setRes] = useState<Async<T>>({ state: 'loading' });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    fn().then(
      (value) => live && setRes({ state: 'ok', value }),
      (error: Error) => live && setRes({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...res, reload: () => setN((x) => x + 1) };
}
