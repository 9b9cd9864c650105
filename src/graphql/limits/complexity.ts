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

const pagedFieldEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const requested = (args.first ?? args.last) as number | null | undefined;
  const takesPage = field.args.some((a) => a.name === 'first');
  if (!takesPage) return childComplexity + (childComplexity > 0 ? 1 : 0);
  const fallback = field.args.some((a) => a.name === 'after') ? defaultConnectionSize : defaultListSize;
  const size = typeof requested === 'number' && requested >= 0 ? requested : fallback;
  return 1 + size * Math.max(childComplexity, 1);
};

export function queryComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [pagedFieldEstimator],
  });
}

export function assertComplexity(
  limit: number,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): void {
  const cost = queryComplexity(schema, document, variables, operationName);
  if (cost > limit) {
    throw new GraphQLError(
      `The query would cost ${cost} (each object counts 1, times the page sizes above it); the limit is ${limit}. ` +
        'Ask for smaller pages or fewer nested lists.',
      { extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit, http: { status: 400 } } },
    );
  }
}
