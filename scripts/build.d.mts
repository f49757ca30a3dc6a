// Types for build.mjs, so the TypeScript bench (scripts/bench) can reuse the build-if-changed step.
export const root: string;
export const nextBin: string;
export function buildIfNeeded(log?: (message: string) => void): void;
