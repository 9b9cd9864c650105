// Turns every error into one a person can act on, with a stable extensions.code; internal
// failures are logged with their detail but answered with a generic message.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { NotFoundError, UserInputError } from '../domain/errors.js';
import type { Logger } from '../ops/logger.js';

/** Our own codes; Apollo relabels validation errors, so we look for these down the cause chain. */
const ownCodes = new Set(['BAD_USER_INPUT', 'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_MUTATIONS']);

function ownCodeInChain(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    const code = current instanceof GraphQLError ? current.extensions.code : undefined;
    if (typeof code === 'string' && ownCodes.has(code)) return code;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof UserInputError) {
      return {
        ...formatted,
        message: original.message,
        extensions: { code: original.code, field: original.field },
      };
    }
    if (original instanceof NotFoundError) {
      return { ...formatted, message: original.message, extensions: { code: original.code } };
    }
    // Scalars reject bad literals during validation; report those as bad input, not a server fault.
    const ownCode = ownCodeInChain(error);
    if (ownCode) return { ...formatted, extensions: { ...formatted.extensions, code: ownCode } };
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      log.error({ err: original, path: formatted.path }, 'resolver failed');
      return {
        message: 'Internal error; it has been logged.',
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return formatted;
  };
}
