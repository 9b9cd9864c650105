// Caps every string a request passes (literals and variables): a 900 KB search term ties up the
// database and the server for nothing. Answered as bad input, naming where the string is.
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function tooLong(field: (string | number)[], length: number, max: number): GraphQLError {
  return new GraphQLError(`A string of ${length} characters; at most ${max} are taken.`, {
    extensions: { code: 'BAD_USER_INPUT', field: field.map(String), http: { status: 400 } },
  });
}

/** Literal strings in the document. */
export function stringLiteralLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    StringValue(node) {
      if (node.value.length > max)
        context.reportError(
          new GraphQLError(`A string of ${node.value.length} characters; at most ${max} are taken.`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
    },
  });
}

/** The first string longer than `max` in the variables, with its path; throws it as bad input. */
export function assertVariableStrings(variables: unknown, max: number, path: (string | number)[] = []): void {
  if (typeof variables === 'string') {
    if (variables.length > max) throw tooLong(path, variables.length, max);
  } else if (Array.isArray(variables)) {
    variables.forEach((v, i) => assertVariableStrings(v, max, [...path, i]));
  } else if (variables && typeof variables === 'object') {
    for (const [key, value] of Object.entries(variables)) assertVariableStrings(value, max, [...path, key]);
  }
}
