// Counts the SQL statements Prisma sends through the driver adapter. The read API promises a small
// constant number of queries per request (DataLoaders); tests and benchmarks prove it with this.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';

export class QueryCounter {
  count = 0;

  reset(): void {
    this.count = 0;
  }

  hit(): void {
    this.count += 1;
  }
}

function countQueries<T extends object>(target: T, counter: QueryCounter): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return (query: { sql: string }) => {
          counter.hit();
          return (value as (q: unknown) => unknown).call(obj, query);
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => {
          const tx = (await (value as (...a: unknown[]) => Promise<Transaction>).apply(obj, args)) as object;
          return countQueries(tx, counter);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(obj);
    },
  });
}

/** Wraps a driver adapter factory so every statement run through it is counted. */
export function withQueryCounting(
  factory: SqlMigrationAwareDriverAdapterFactory,
  counter: QueryCounter,
): SqlMigrationAwareDriverAdapterFactory {
  return new Proxy(factory, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (prop === 'connect' && typeof value === 'function') {
        return async () => countQueries(await (value as () => Promise<SqlDriverAdapter>).call(obj), counter);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
    },
  });
}
