// The document's fragment definitions by name: what the limits that expand spreads look up.
import { Kind, type FragmentDefinitionNode, type ValidationContext } from 'graphql';

export function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  return new Map(
    context
      .getDocument()
      .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}
