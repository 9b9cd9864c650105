// Relay global ids: opaque base64url of "<Type>:<uuid>", so node(id) knows where to look.
import { UserInputError } from '../domain/errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`).toString('base64url');
}

export function fromGlobalId(globalId: string): { typeName: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0) return null;
  const typeName = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  return uuidPattern.test(id) ? { typeName, id } : null;
}

/** The uuid behind a global id of the expected type; a clear error otherwise. */
export function expectGlobalId(
  globalId: string,
  typeName: string,
  field: readonly (string | number)[],
): string {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.typeName !== typeName) {
    throw new UserInputError(`"${globalId}" is not the id of a ${typeName}.`, field);
  }
  return parsed.id;
}
