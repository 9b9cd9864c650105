// Which strings a request may pass (literals and variables): at most a length — a 900 KB search
// term ties up the database and the server for nothing — and no NUL character, which PostgreSQL
// text cannot hold. Answered as bad input, naming where the string is.
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Why `value` is refused, or null. */
function problem(value: string, max: number): string | null {
  if (value.length > max) return `A string of ${value.length} characters; at most ${max} are taken.`;
  if (value.includes('\u0000')) return 'A string with a NUL character (U+0000), which no record can keep.';
  return null;
}

/** Literal strings in the document. */
export function stringLiteralLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    StringValue(node) {
      const why = problem(node.value, max);
      if (why)
        context.reportError(new GraphQLError(why, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
    },
  });
}

/** The first refused string in the variables, with its path; throws it as bad input. */
export function assertVariableStrings(variables: unknown, max: number, path: (string | number)[] = []): void {
  if (typeof variables === 'string') {
    const why = problem(variables, max);
    if (why)
      throw new GraphQLError(why, {
        extensions: { code: 'BAD_USER_INPUT', field: path.map(String), http: { status: 400 } },
      });
  } else if (Array.isArray(variables)) {
    variables.forEach((v, i) => assertVariableStrings(v, max, [...path, i]));
  } else if (variables && typeof variables === 'object') {
    for (const [key, value] of Object.entries(variables)) assertVariableStrings(value, max, [...path, key]);
  }
}
