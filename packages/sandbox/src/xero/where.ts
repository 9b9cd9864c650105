// The subset of Xero's `where` (a C#/LINQ-like expression language) and `order` syntax the gateway
// relies on, evaluated against the wire shape of each record (so field names are Xero's).
import { Decimal } from 'decimal.js';
import { WireNumber } from './json.js';
import { parseInstant } from './dates.js';
import { queryParseException } from './errors.js';

type Tok =
  { k: 'id'; v: string } | { k: 'str'; v: string } | { k: 'num'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src.charAt(i) !== '"') {
        if (src.charAt(i) === '\\' && i + 1 < src.length) i++;
        s += src.charAt(i++);
      }
      if (i >= src.length) throw queryParseException('Unterminated string literal');
      i++;
      out.push({ k: 'str', v: s });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src.charAt(i + 1)) && prevIsOperator(out))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      out.push({ k: 'num', v: m?.[0] ?? c });
      i += m?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      out.push({ k: 'id', v: m?.[0] ?? c });
      i += m?.[0].length ?? 1;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
        out.push({ k: 'op', v: two });
        i += 2;
      } else if ('<>()!.,='.includes(c)) {
        out.push({ k: 'op', v: c === '=' ? '==' : c });
        i++;
      } else {
        throw queryParseException(`Syntax error '${c}' at position ${i}`);
      }
    }
  }
  return out;
}

function prevIsOperator(out: Tok[]): boolean {
  const prev = out[out.length - 1];
  return !prev || (prev.k === 'op' && prev.v !== ')');
}

type Node =
  | { t: 'lit'; v: Value }
  | { t: 'path'; parts: string[] }
  | { t: 'call'; target: Node; name: string; args: Node[] }
  | { t: 'not'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node };

type Value =
  | { kind: 'null' }
  | { kind: 'bool'; v: boolean }
  | { kind: 'num'; v: Decimal }
  | { kind: 'str'; v: string }
  | { kind: 'date'; v: number }
  | { kind: 'guid'; v: string };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  parse(): Node {
    const n = this.or();
    if (this.i < this.toks.length) throw queryParseException(`Syntax error near '${this.peekText()}'`);
    return n;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private peekText(): string {
    return this.peek()?.v ?? 'end of expression';
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.k === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.k === 'id' && t.v.toUpperCase() === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw queryParseException(`'${v}' expected near '${this.peekText()}'`);
    this.i++;
  }

  private or(): Node {
    let l = this.and();
    while (this.isOp('||') || this.isWord('OR')) {
      this.i++;
      l = { t: 'bin', op: '||', l, r: this.and() };
    }
    return l;
  }
  private and(): Node {
    let l = this.not();
    while (this.isOp('&&') || this.isWord('AND')) {
      this.i++;
      l = { t: 'bin', op: '&&', l, r: this.not() };
    }
    return l;
  }
  private not(): Node {
    if (this.isOp('!') || this.isWord('NOT')) {
      this.i++;
      return { t: 'not', e: this.not() };
    }
    return this.comparison();
  }
  private comparison(): Node {
    const l = this.operand();
    const t = this.peek();
    if (t?.k === 'op' && ['==', '!=', '>', '<', '>=', '<='].includes(t.v)) {
      this.i++;
      return { t: 'bin', op: t.v, l, r: this.operand() };
    }
    return l;
  }
  private operand(): Node {
    const t = this.peek();
    if (!t) throw queryParseException('Expression expected');
    this.i++;
    let node: Node;
    if (t.k === 'op' && t.v === '(') {
      node = this.or();
      this.expectOp(')');
    } else if (t.k === 'str') {
      node = { t: 'lit', v: { kind: 'str', v: t.v } };
    } else if (t.k === 'num') {
      node = { t: 'lit', v: { kind: 'num', v: new Decimal(t.v) } };
    } else if (t.k === 'id') {
      node = this.identifier(t.v);
    } else {
      throw queryParseException(`Syntax error near '${t.v}'`);
    }
    // Member access and method calls: Contact.ContactID, Name.ToLower(), Name.Contains("x")
    while (this.isOp('.')) {
      this.i++;
      const name = this.peek();
      if (name?.k !== 'id') throw queryParseException('Identifier expected');
      this.i++;
      if (this.isOp('(')) {
        node = { t: 'call', target: node, name: name.v, args: this.args() };
      } else if (node.t === 'path') {
        node = { t: 'path', parts: [...node.parts, name.v] };
      } else {
        throw queryParseException(`No property or field '${name.v}' exists`);
      }
    }
    return node;
  }
  private args(): Node[] {
    this.expectOp('(');
    const args: Node[] = [];
    while (!this.isOp(')')) {
      args.push(this.or());
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.i++;
    return args;
  }
  private identifier(word: string): Node {
    const upper = word.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { t: 'lit', v: { kind: 'bool', v: upper === 'TRUE' } };
    if (upper === 'NULL') return { t: 'lit', v: { kind: 'null' } };
    if (word === 'DateTime' && this.isOp('(')) {
      const parts = this.args().map((a) => (a.t === 'lit' && a.v.kind === 'num' ? a.v.v.toNumber() : NaN));
      const [y, m, d, h = 0, mi = 0, s = 0] = parts;
      if (
        parts.length < 3 ||
        parts.some((p) => Number.isNaN(p)) ||
        y === undefined ||
        m === undefined ||
        d === undefined
      ) {
        throw queryParseException('DateTime expects (year, month, day[, hour, minute, second])');
      }
      return { t: 'lit', v: { kind: 'date', v: Date.UTC(y, m - 1, d, h, mi, s) } };
    }
    if (word === 'Guid' && this.isOp('(')) {
      const [a] = this.args();
      if (a?.t !== 'lit' || a.v.kind !== 'str') throw queryParseException('Guid expects a string');
      return { t: 'lit', v: { kind: 'guid', v: a.v.v.toLowerCase() } };
    }
    return { t: 'path', parts: [word] };
  }
}

function toValue(raw: unknown): Value {
  if (raw === null || raw === undefined) return { kind: 'null' };
  if (typeof raw === 'boolean') return { kind: 'bool', v: raw };
  if (typeof raw === 'number') return { kind: 'num', v: new Decimal(raw) };
  if (raw instanceof WireNumber) return { kind: 'num', v: new Decimal(raw.text) };
  if (typeof raw === 'string') {
    if (raw.startsWith('/Date(')) {
      const ms = parseInstant(raw);
      if (ms !== undefined) return { kind: 'date', v: ms };
    }
    return { kind: 'str', v: raw };
  }
  return { kind: 'str', v: JSON.stringify(raw) };
}

function resolve(obj: unknown, parts: string[]): unknown {
  let cur = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    // Property names are matched case-insensitively, as Xero does.
    const rec = cur as Record<string, unknown>;
    const key = Object.keys(rec).find((k) => k.toLowerCase() === p.toLowerCase());
    cur = key === undefined ? undefined : rec[key];
  }
  return cur;
}

function asText(v: Value): string | undefined {
  return v.kind === 'str' || v.kind === 'guid' ? v.v : undefined;
}

function evaluate(n: Node, obj: unknown): Value {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'path':
      return toValue(resolve(obj, n.parts));
    case 'not':
      return { kind: 'bool', v: !truthy(evaluate(n.e, obj)) };
    case 'call': {
      const target = evaluate(n.target, obj);
      const arg = n.args[0] ? asText(evaluate(n.args[0], obj)) : undefined;
      const text = asText(target);
      switch (n.name) {
        case 'ToLower':
          return text === undefined ? target : { kind: 'str', v: text.toLowerCase() };
        case 'ToUpper':
          return text === undefined ? target : { kind: 'str', v: text.toUpperCase() };
        case 'Contains':
          return { kind: 'bool', v: text !== undefined && arg !== undefined && text.includes(arg) };
        case 'StartsWith':
          return { kind: 'bool', v: text !== undefined && arg !== undefined && text.startsWith(arg) };
        case 'EndsWith':
          return { kind: 'bool', v: text !== undefined && arg !== undefined && text.endsWith(arg) };
        default:
          throw queryParseException(`No applicable method '${n.name}' exists`);
      }
    }
    case 'bin': {
      if (n.op === '&&') return { kind: 'bool', v: truthy(evaluate(n.l, obj)) && truthy(evaluate(n.r, obj)) };
      if (n.op === '||') return { kind: 'bool', v: truthy(evaluate(n.l, obj)) || truthy(evaluate(n.r, obj)) };
      const c = compare(evaluate(n.l, obj), evaluate(n.r, obj));
      if (c === undefined) return { kind: 'bool', v: n.op === '!=' };
      const ok = { '==': c === 0, '!=': c !== 0, '>': c > 0, '<': c < 0, '>=': c >= 0, '<=': c <= 0 }[n.op];
      return { kind: 'bool', v: ok ?? false };
    }
  }
}

function truthy(v: Value): boolean {
  return v.kind === 'bool' ? v.v : v.kind !== 'null';
}

/** Three-way comparison, or undefined when the values are not comparable (null against a value). */
export function compare(a: Value, b: Value): number | undefined {
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind ? 0 : undefined;
  if (a.kind === 'date' || b.kind === 'date') {
    const x = a.kind === 'date' ? a.v : a.kind === 'str' ? parseInstant(a.v) : undefined;
    const y = b.kind === 'date' ? b.v : b.kind === 'str' ? parseInstant(b.v) : undefined;
    return x === undefined || y === undefined ? undefined : Math.sign(x - y);
  }
  if (a.kind === 'num' && b.kind === 'num') return a.v.comparedTo(b.v);
  if (a.kind === 'bool' && b.kind === 'bool') return a.v === b.v ? 0 : a.v ? 1 : -1;
  if (a.kind === 'guid' || b.kind === 'guid') {
    const x = asText(a)?.toLowerCase();
    const y = asText(b)?.toLowerCase();
    return x === undefined || y === undefined ? undefined : x === y ? 0 : x < y ? -1 : 1;
  }
  const x = a.kind === 'num' || a.kind === 'bool' ? String(a.v) : a.v;
  const y = b.kind === 'num' || b.kind === 'bool' ? String(b.v) : b.v;
  return x === y ? 0 : x < y ? -1 : 1;
}

export type Predicate = (wire: unknown) => boolean;

/** Compiles a where-expression; throws a 400 QueryParseException when it cannot be parsed. */
export function compileWhere(expression: string): Predicate {
  const ast = new Parser(tokenize(expression)).parse();
  return (wire) => truthy(evaluate(ast, wire));
}

export type Comparator = (a: unknown, b: unknown) => number;

/** Compiles `order=Field [ASC|DESC][, Field2 …]`. */
export function compileOrder(expression: string): Comparator {
  const keys = expression
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([A-Za-z_][A-Za-z0-9_.]*)(?:\s+(ASC|DESC))?$/i.exec(part);
      if (!m?.[1]) throw queryParseException(`Invalid order expression '${part}'`);
      return { parts: m[1].split('.'), desc: m[2]?.toUpperCase() === 'DESC' };
    });
  return (a, b) => {
    for (const k of keys) {
      const va = toValue(resolve(a, k.parts));
      const vb = toValue(resolve(b, k.parts));
      // Nulls sort first ascending, as SQL Server does.
      const c =
        va.kind === 'null' || vb.kind === 'null'
          ? va.kind === vb.kind
            ? 0
            : va.kind === 'null'
              ? -1
              : 1
          : (compare(va, vb) ?? 0);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}
