// Relay connections. totalCount is a getter so the COUNT runs only when a client asks for it.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../../store/pagination.js';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** Builds the Connection and Edge types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Records matching the filter, across all pages.' })
    get totalCount(): Promise<number> {
      return this.count();
    }

    private count!: () => Promise<number>;

    /** Wraps a page of domain records (structurally the GraphQL type; enums are their string values). */
    static from(page: Page<object>): Connection {
      const rows = page.rows as T[];
      const connection = new Connection();
      connection.edges = rows.map((node, i) => ({ node, cursor: page.cursors[i] ?? '' }));
      connection.nodes = rows;
      connection.pageInfo = {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: page.cursors[0] ?? null,
        endCursor: page.cursors[page.cursors.length - 1] ?? null,
      };
      connection.count = page.totalCount;
      return connection;
    }
  }
  return Connection;
}
