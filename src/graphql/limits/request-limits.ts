// Every limit a request meets, over HTTP and WebSocket alike: the document's size (tokens, fields
// once fragments are expanded, depth, mutations, string lengths), then the variables' strings and
// the cost with its live upstream reads once the operation is known.
import type { DocumentNode, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import { assertComplexity } from './complexity.js';
import { depthLimit } from './depth-limit.js';
import { mutationLimit } from './mutation-count.js';
import { selectionLimit } from './selection-count.js';
import { assertVariableStrings, stringLiteralLimit } from './strings.js';

export interface RequestLimitSettings {
  maxDepth: number;
  maxCost: number;
  maxMutations: number;
}

/** Tokens a document may have: far above any real query, far below 50,000 aliases. */
export const maxTokens = 20_000;
/** Fields once every fragment is expanded. */
export const maxFields = 5_000;
/** Characters in one string (the longest text a record keeps is 4,000). */
export const maxStringLength = 10_000;

export interface RequestLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /**
   * Throws a GraphQLError (400) when the operation's variables or cost are over a limit; else the
   * cost, which the caller's budget spends.
   */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName?: string | null,
  ): { cost: number };
}

export function requestLimits(settings: RequestLimitSettings): RequestLimits {
  return {
    parseOptions: { maxTokens },
    validationRules: [
      selectionLimit(maxFields),
      depthLimit(settings.maxDepth),
      mutationLimit(settings.maxMutations),
      stringLiteralLimit(maxStringLength),
    ],
    check(schema, document, variables, operationName) {
      assertVariableStrings(variables ?? {}, maxStringLength);
      return { cost: assertComplexity(settings.maxCost, schema, document, variables, operationName) };
    },
  };
}
