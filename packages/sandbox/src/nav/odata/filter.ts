// $filter: parsed by @odata/parser (an OData V4 ABNF parser), then compiled to a predicate over the
// wire values of a record. Only what NAV/BC translate to record filters is accepted; an `or` between
// DIFFERENT fields is refused exactly like NAV/BC do (501 BadRequest_MethodNotImplemented).
import { defaultParser, type Token } from '@odata/parser';
import { errors } from '../errors.js';
import type { AnyEntityDef, FieldDef, WireValue } from './edm.js';
import { compareWire, literalFor } from './values.js';

/** A record's wire values by field name (a Map, or a row computing each value on first use). */
export interface Row {
  get(name: string): WireValue | undefined;
}
export type Predicate = (row: Row) => boolean;

const comparisons: Record<string, [string, (c: number) => boolean]> = {
  EqualsExpression: ['Equal', (c) => c === 0],
  NotEqualsExpression: ['NotEqual', (c) => c !== 0],
  GreaterThanExpression: ['GreaterThan', (c) => c > 0],
  GreaterOrEqualsExpression: ['GreaterThanOrEqual', (c) => c >= 0],
  LesserThanExpression: ['LessThan', (c) => c < 0],
  LesserOrEqualsExpression: ['LessThanOrEqual', (c) => c <= 0],
};

const stringMethods = new Set(['startswith', 'endswith', 'contains']);

interface Compiled {
  test: Predicate;
  fields: Set<string>;
}

interface LeftRight {
  left: Token;
  right: Token;
}

/** Token kinds as plain strings (the parser's TokenType is a string enum). */
const kind = (t: Token): string => String(t.type);

function memberName(token: Token): string | undefined {
  let t: Token | undefined = token;
  while (t) {
    if (kind(t) === 'ODataIdentifier') return (t.value as { name: string }).name;
    if (
      kind(t) === 'FirstMemberExpression' ||
      kind(t) === 'MemberExpression' ||
      kind(t) === 'PropertyPathExpression' ||
      kind(t) === 'CommonExpression'
    ) {
      t = t.value as Token;
      continue;
    }
    return undefined;
  }
  return undefined;
}

function syntaxError(filter: string): Error {
  return errors.badRequest(`Syntax error at position ${filter.length} in '${filter}'.`);
}

export function compileFilter(filter: string, def: AnyEntityDef, typeName: string): Predicate {
  let ast: Token;
  try {
    ast = defaultParser.filter(filter);
  } catch {
    throw syntaxError(filter);
  }
  if (!ast || ast.raw.length !== filter.trim().length) throw syntaxError(filter);
  const fieldOf = (name: string): FieldDef<object> => {
    const f = def.fields.find((x) => x.name === name);
    if (!f) throw errors.noProperty(name, typeName);
    return f;
  };

  const compile = (node: Token): Compiled => {
    switch (kind(node)) {
      case 'BoolParenExpression':
      case 'ParenExpression':
      case 'CommonExpression':
        return compile(node.value as Token);
      case 'AndExpression': {
        const { left, right } = node.value as LeftRight;
        const l = compile(left);
        const r = compile(right);
        return { test: (row) => l.test(row) && r.test(row), fields: new Set([...l.fields, ...r.fields]) };
      }
      case 'OrExpression': {
        const { left, right } = node.value as LeftRight;
        const l = compile(left);
        const r = compile(right);
        const fields = new Set([...l.fields, ...r.fields]);
        // NAV turns `or` into a filter on ONE field ('A|B'); it cannot express an `or` across fields.
        if (fields.size > 1) throw errors.orAcrossFields();
        return { test: (row) => l.test(row) || r.test(row), fields };
      }
      case 'NotExpression': {
        const inner = compile(node.value as Token);
        return { test: (row) => !inner.test(row), fields: inner.fields };
      }
      case 'MethodCallExpression': {
        const { method, parameters } = node.value as { method: string; parameters: Token[] };
        if (!stringMethods.has(method))
          throw errors.notImplemented(`The function '${method}' is not supported.`);
        const [target, arg] = parameters;
        const name = target ? memberName(target) : undefined;
        if (!name || !arg || kind(arg) !== 'Literal' || arg.value !== 'Edm.String') {
          throw errors.notImplemented(
            `The function '${method}' is only supported on a field and a string literal.`,
          );
        }
        const field = fieldOf(name);
        if (field.type !== 'Edm.String') {
          throw errors.badRequest(
            `No function signature for the function with name '${method}' matches the specified arguments. The function signatures considered are: ${method}(Edm.String Nullable=true, Edm.String Nullable=true).`,
          );
        }
        // NAV translates these to '@' (case-insensitive) wildcard filters.
        const needle = String(literalFor(field, arg.raw, 'Edm.String', method)).toLowerCase();
        const test: Predicate = (row) => {
          const v = String(row.get(name) ?? '').toLowerCase();
          return method === 'startswith'
            ? v.startsWith(needle)
            : method === 'endswith'
              ? v.endsWith(needle)
              : v.includes(needle);
        };
        return { test, fields: new Set([name]) };
      }
      default: {
        const cmp = comparisons[kind(node)];
        if (!cmp)
          throw errors.notImplemented(`The expression '${node.raw}' is not supported on an OData filter.`);
        const [opName, ok] = cmp;
        let { left, right } = node.value as LeftRight;
        let flip = false;
        if (memberName(left) === undefined && memberName(right) !== undefined) {
          [left, right] = [right, left];
          flip = true;
        }
        const name = memberName(left);
        if (name === undefined)
          throw errors.notImplemented(`The expression '${node.raw}' is not supported on an OData filter.`);
        const field = fieldOf(name);
        let literal: Token = right;
        while (kind(literal) === 'CommonExpression' || kind(literal) === 'ParenExpression')
          literal = literal.value as Token;
        if (kind(literal) === 'NegateExpression') {
          throw errors.notImplemented(`The expression '${node.raw}' is not supported on an OData filter.`);
        }
        if (kind(literal) !== 'Literal') {
          throw errors.notImplemented(
            `The expression '${node.raw}' is not supported on an OData filter; compare a field with a literal.`,
          );
        }
        const value = literalFor(field, literal.raw, literal.value as string | null, opName);
        const isOption = field.options !== undefined;
        const test: Predicate = (row) => {
          const c = compareWire(field.type, row.get(name) ?? null, value, isOption);
          return ok(flip ? -c : c);
        };
        return { test, fields: new Set([name]) };
      }
    }
  };
  return compile(ast).test;
}
