// Typed errors the API turns into GraphQL errors with a stable extensions.code.

/** The caller sent something we cannot accept; nothing was changed. */
export class UserInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    /** Path of the offending argument or input field, e.g. ["filter", "issueDateFrom"]. */
    readonly field: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

/** A record the caller asked for by id does not exist. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
