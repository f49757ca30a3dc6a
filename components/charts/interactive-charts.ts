'use client';

import { useSyncExternalStore } from 'react';

// Recharts is about 130 kB of gzipped JavaScript: more than half of a page's first load. The pages
// draw a light SVG sketch of each chart on the server (sketch.tsx) and fetch Recharts only once the
// page has loaded and the browser is idle; the charts then become the interactive ones (tooltips,
// legend). Plain import() (not next/dynamic) so that Next does not preload the chunk with the page.

type InteractiveCharts = typeof import('./interactive');

let loaded: InteractiveCharts | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function afterLoadAndIdle(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => {
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => resolve(), { timeout: 1500 });
      else window.setTimeout(resolve, 50);
    };
    if (document.readyState === 'complete') idle();
    else window.addEventListener('load', idle, { once: true });
  });
}

function load(): void {
  loading ??= afterLoadAndIdle()
    .then(() => import('./interactive'))
    .then(
      (module) => {
        loaded = module;
        for (const listener of listeners) listener();
      },
      // A chunk that fails to load (a new deployment, the network) leaves the sketch in place; the next
      // chart to mount tries again.
      () => {
        loading = null;
      },
    );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

/**
 * The Recharts components once loaded; null on the server, while hydrating (so the server's sketch is
 * what hydrates) and until the chunk arrives.
 */
export function useInteractiveCharts(): InteractiveCharts | null {
  return useSyncExternalStore(
    subscribe,
    () => loaded,
    () => null,
  );
}
