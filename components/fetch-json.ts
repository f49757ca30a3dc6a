import type { z } from 'zod';
import type { Contract, ParamsIn, ResponseOf } from '@/contracts/contract';
import { toSearch } from '@/contracts/params';

/** The URL of a v1 endpoint for parameters typed by its contract (`path` for one with a path parameter). */
export function contractUrl<C extends Contract<z.ZodType, z.ZodType>>(contract: C, params: ParamsIn<C>, path = contract.path): string {
  const search = toSearch(params as Record<string, string | undefined>);
  return search ? `${path}?${search}` : path;
}

/**
 * Fetches a v1 endpoint from the browser and reads the answer with the contract's response schema, as
 * the server typed it; an error body becomes an Error with its message.
 */
export async function fetchContract<C extends Contract<z.ZodType, z.ZodType>>(
  contract: C,
  params: ParamsIn<C>,
  path?: string,
): Promise<ResponseOf<C>> {
  const response = await fetch(contractUrl(contract, params, path), { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  return contract.response.parse(await response.json()) as ResponseOf<C>;
}
