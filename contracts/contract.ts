// An endpoint's contract: where it is, the zod schema of its query parameters and that of its response.
// The route handler parses the request with `params`, the page that renders the same view parses its
// `searchParams` with the same schema, and the browser's queryFn (components/fetch-json.ts) builds the
// URL from `params`' input type and parses the answer with `response`.
import type { z } from 'zod';

export interface Contract<P extends z.ZodType, R extends z.ZodType> {
  /** The path, or the path's stem for an endpoint with a path parameter. */
  path: string;
  params: P;
  response: R;
}

export function defineContract<P extends z.ZodType, R extends z.ZodType>(contract: Contract<P, R>): Contract<P, R> {
  return contract;
}

/** What a client may send (all strings, each optional). */
export type ParamsIn<C extends Contract<z.ZodType, z.ZodType>> = z.input<C['params']>;
/** The response body. */
export type ResponseOf<C extends Contract<z.ZodType, z.ZodType>> = z.output<C['response']>;
