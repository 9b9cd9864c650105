// Rejects a document whose fields, once every fragment spread is expanded, exceed a limit — before
// anything walks the expansion. Fragments spreading each other twice double at each level: 22
// levels are 4 million fields in under a kilobyte. Each fragment is counted once (memoised).
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { fragmentsOf } from './fragments.js';

export function selectionLimit(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    const counted = new Map<string, number>();
    const countOf = (set: SelectionSetNode, visiting: Set<string>): number => {
      let total = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          total += 1 + (selection.selectionSet ? countOf(selection.selectionSet, visiting) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += countOf(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A cycle is reported by the spec's NoFragmentCycles rule; here it counts nothing.
          if (!fragment || visiting.has(name)) continue;
          if (!counted.has(name)) {
            visiting.add(name);
            counted.set(name, countOf(fragment.selectionSet, visiting));
            visiting.delete(name);
          }
          total += counted.get(name)!;
        }
        if (total > maxFields) return total;
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const fields = countOf(node.selectionSet, new Set());
        if (fields > maxFields) {
          context.reportError(
            new GraphQLError(
              `The query selects more than ${maxFields} fields once its fragments are expanded; ask for fewer.`,
              { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX', limit: maxFields } },
            ),
          );
        }
      },
    };
  };
}
