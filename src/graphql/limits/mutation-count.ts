// Caps the mutations one request runs: 200 aliased upserts in one POST are 200 records written
// past any per-request rate limit. Root fields of a mutation operation are counted, fragments too.
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

function rootFields(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) total += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      total += rootFields(selection.selectionSet, fragments, visiting);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      total += rootFields(fragment.selectionSet, fragments, visiting);
      visiting.delete(fragment.name.value);
    }
  }
  return total;
}

export function mutationLimit(maxMutations: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      if (node.operation !== OperationTypeNode.MUTATION) return;
      const fragments = new Map(
        context
          .getDocument()
          .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const count = rootFields(node.selectionSet, fragments, new Set());
      if (count > maxMutations) {
        context.reportError(
          new GraphQLError(
            `The request runs ${count} mutations; at most ${maxMutations} run per request. Send the rest in further requests.`,
            { nodes: [node], extensions: { code: 'TOO_MANY_MUTATIONS', limit: maxMutations } },
          ),
        );
      }
    },
  });
}
