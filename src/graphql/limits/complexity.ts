// Prices a query before it runs: every object field costs 1, and a field that returns a page
// multiplies what is under it by its page size. Rejects fan-out (customers → invoices → customer →
// invoices …) that would build a huge response from a small query.
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';

// Its ESM build imports graphql's .mjs files while type-graphql (and so our schema) uses graphql's
// CommonJS entry; two graphql copies cannot share a schema, so load its CommonJS build.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as {
  getComplexity: typeof GetComplexity;
};

/** Page sizes assumed when a paged field gets no first/last argument. */
const defaultConnectionSize = 50;
const defaultListSize = 20;

/** What one live upstream read (a field marked `liveUpstream`) adds: it spends rate budget. */
export const upstreamReadCost = 1_000;
/** Live upstream reads per request: each reads a book in full, within Xero's 60 calls a minute. */
export const maxUpstreamReads = 1;

const pagedFieldEstimator =
  (upstream: { reads: number }): ComplexityEstimator =>
  ({ args, childComplexity, field }) => {
    const live = field.extensions?.liveUpstream === true ? upstreamReadCost : 0;
    if (live) upstream.reads++;
    const requested = (args.first ?? args.last) as number | null | undefined;
    const takesPage = field.args.some((a) => a.name === 'first');
    if (!takesPage) return live + childComplexity + (childComplexity > 0 ? 1 : 0);
    const fallback = field.args.some((a) => a.name === 'after') ? defaultConnectionSize : defaultListSize;
    const size = typeof requested === 'number' && requested >= 0 ? requested : fallback;
    return live + 1 + size * Math.max(childComplexity, 1);
  };

const tooComplex = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } },
  });

/**
 * The pricing library coerces the variables itself, so a variable of the wrong type fails here
 * first: that is bad input (naming the variable's path), as is a document too large to price.
 */
function asRequestError(error: unknown): GraphQLError {
  const message = error instanceof Error ? error.message : String(error);
  const variable = /^Variable "\$(\w+)"(?: got invalid value .*? at "([^"]+)")?/s.exec(message);
  if (variable) {
    const field = (variable[2] ?? variable[1]!).split('.');
    return new GraphQLError(message, {
      extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
    });
  }
  return tooComplex(`The query cannot be priced: ${message}`);
}

export function queryComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): { cost: number; upstreamReads: number } {
  const upstream = { reads: 0 };
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [pagedFieldEstimator(upstream)],
    });
    return { cost, upstreamReads: upstream.reads };
  } catch (error) {
    throw asRequestError(error);
  }
}

export function assertComplexity(
  limit: number,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  const { cost, upstreamReads } = queryComplexity(schema, document, variables, operationName);
  if (upstreamReads > maxUpstreamReads)
    throw tooComplex(
      `The query reads the books live ${upstreamReads} times; at most ${maxUpstreamReads} live read runs per request.`,
      { cost, limit },
    );
  if (cost > limit) {
    throw tooComplex(
      `The query would cost ${cost} (each object counts 1, times the page sizes above it); the limit is ${limit}. ` +
        'Ask for smaller pages or fewer nested lists.',
      { cost, limit },
    );
  }
  return cost;
}
