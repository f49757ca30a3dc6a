import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';

export interface TrustedProxies {
  list: BlockList;
  size: number;
}
export function normalizeAddress(address: string | undefined | null): string;
export function parseTrustedProxies(text: string | undefined): TrustedProxies;
export function resolveForwarded(args: {
  peer: string | undefined;
  encrypted?: boolean;
  headers: IncomingMessage['headers'];
  trusted: TrustedProxies;
}): { address: string; https: boolean; host: string | null };
export function establishForwarded(request: IncomingMessage, trusted: TrustedProxies): void;
