// The type a GraphQL input class implements so that it declares every field of the change it carries.

/**
 * Every field of T as a declared member (a class cannot be held to declare an optional one): an
 * input class implementing it does not compile when it leaves a field of T out or gives one
 * another type. A field the client may leave out is declared `field!: X | null | undefined`.
 */
export type InputFields<T> = { [K in keyof T]-?: T[K] | undefined };
