// Look-ups by key over the company's tables, kept beside the plain arrays the rest of the sandbox
// reads and writes. An index is never told about a change: it checks itself each time it is used,
// so code that pushes to or splices a table needs no hook, and an answer is always what a scan of
// the table would give.
import { ZERO, type Decimal } from './decimal.js';

const NONE: readonly never[] = Object.freeze([]);

/**
 * Rows of an append-only table (ledger entries, G/L entries, posted documents) grouped by a key
 * that is set when a row is written and never changes. Each use first takes in the rows appended
 * since the last one; if the table changed in any other way (it is shorter, or the row where the
 * last one seen stood is another) the index starts over. A group keeps table order, so its first
 * row is the one `find` over the table returns. With `amountOf`, each group also has a running
 * total, added up in table order: the same digits as summing the group's rows afresh.
 */
export class AppendOnlyIndex<T, K> {
  private readonly groups = new Map<K, T[]>();
  private readonly totals = new Map<K, Decimal>();
  private seen = 0;
  private last: T | undefined;

  constructor(
    private readonly rows: readonly T[],
    private readonly keyOf: (row: T) => K,
    private readonly amountOf?: (row: T) => Decimal,
  ) {}

  private sync(): void {
    const rows = this.rows;
    if (rows.length < this.seen || (this.seen > 0 && rows[this.seen - 1] !== this.last)) {
      this.groups.clear();
      this.totals.clear();
      this.seen = 0;
    }
    for (; this.seen < rows.length; this.seen += 1) {
      const row = rows[this.seen]!;
      const key = this.keyOf(row);
      const group = this.groups.get(key);
      if (group) group.push(row);
      else this.groups.set(key, [row]);
      if (this.amountOf) this.totals.set(key, (this.totals.get(key) ?? ZERO).plus(this.amountOf(row)));
    }
    this.last = rows[this.seen - 1];
  }

  /** The rows with this key, in table order. */
  rowsOf(key: K): readonly T[] {
    this.sync();
    return this.groups.get(key) ?? NONE;
  }

  first(key: K): T | undefined {
    return this.rowsOf(key)[0];
  }

  /** Sum of `amountOf` over the rows with this key (zero when there are none). */
  total(key: K): Decimal {
    this.sync();
    return this.totals.get(key) ?? ZERO;
  }
}

/**
 * Records of a table that may be inserted into, deleted from, re-ordered and re-keyed (master data
 * by No.). The index remembers where each key was; a hit is trusted only when the record there
 * still has that key. Anything else, a miss included, is answered by scanning the table as without
 * an index, and the index is rebuilt when the scan finds the key. Keys are unique, as a NAV table's
 * primary key is.
 */
export class KeyIndex<T, K> {
  private readonly positions = new Map<K, number>();

  constructor(
    private readonly rows: readonly T[],
    private readonly keyOf: (row: T) => K,
  ) {}

  get(key: K): T | undefined {
    const pos = this.positions.get(key);
    if (pos !== undefined) {
      const row = this.rows[pos];
      if (row !== undefined && this.keyOf(row) === key) return row;
    }
    const hit = this.rows.find((r) => this.keyOf(r) === key);
    if (hit !== undefined) this.rebuild();
    return hit;
  }

  private rebuild(): void {
    this.positions.clear();
    this.rows.forEach((row, pos) => {
      const key = this.keyOf(row);
      if (!this.positions.has(key)) this.positions.set(key, pos);
    });
  }
}
