// Validates bodies against Xero's official OpenAPI spec (3.0), read at run time from the shared
// reference folder. OpenAPI 3.0 specifics are translated to JSON Schema for ajv: `nullable`, and the
// formats Xero declares (double, int32…). Schemas are looked up by operation: method + path + status.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { load } from 'js-yaml';
import { sharedFile } from './shared.js';

type Json = Record<string, unknown>;

interface Operation {
  requestBody?: Json;
  responses?: Record<string, Json>;
}

export interface SpecCheck {
  /** False when the spec declares no JSON body for this operation/status (nothing to check). */
  checked: boolean;
  errors: string[];
}

export interface XeroSpec {
  version: string;
  validateResponse(method: string, path: string, status: number, body: unknown): SpecCheck;
  validateRequest(method: string, path: string, body: unknown): SpecCheck;
}

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a null-able type. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    out[k] = convert(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function apiPath(path: string): string {
  return path.split('?')[0]?.replace(/^.*\/api\.xro\/2\.0/, '') ?? path;
}

let cached: XeroSpec | null | undefined;

/** The spec, or null (with a printed reason) when the reference file is not on this machine. */
export function loadXeroSpec(): XeroSpec | null {
  if (cached !== undefined) return cached;
  const file = sharedFile('xero-openapi/xero_accounting.yaml');
  if (!file) return (cached = null);
  const doc = load(readFileSync(file, 'utf8')) as Json;
  const components = (doc.components ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const f of ['double', 'float', 'int32', 'int64', 'byte', 'binary']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'xero', components: convert({ schemas: components.schemas }) as Json });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: Json): ValidateFunction => {
    const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
    const key = ref ?? JSON.stringify(schema);
    let v = compiled.get(key);
    if (!v) {
      const s = ref
        ? { $ref: `xero${ref}` }
        : (JSON.parse(
            JSON.stringify(convert(schema)).replaceAll('"#/components/', '"xero#/components/'),
          ) as Json);
      v = ajv.compile(s);
      compiled.set(key, v);
    }
    return v;
  };
  const templates = Object.keys(paths).map((p) => ({
    template: p,
    literal: !p.includes('{'),
    re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i'),
  }));
  const operation = (method: string, path: string): Operation | undefined => {
    const p = apiPath(path);
    const candidates = templates
      .filter((t) => t.re.test(p))
      .sort((a, b) => Number(b.literal) - Number(a.literal));
    for (const c of candidates) {
      const op = paths[c.template]?.[method.toLowerCase()];
      if (op) return op;
    }
    return undefined;
  };
  const deref = (node: Json | undefined, section: string): Json | undefined => {
    const ref = node?.$ref;
    if (typeof ref !== 'string') return node;
    const name = ref.split('/').pop() ?? '';
    return ((components[section] ?? {}) as Record<string, Json>)[name];
  };
  const jsonSchema = (content: Json | undefined): Json | undefined => {
    const c = (content?.content ?? {}) as Record<string, Json>;
    return c['application/json']?.schema as Json | undefined;
  };
  const run = (schema: Json | undefined, body: unknown): SpecCheck => {
    if (!schema) return { checked: false, errors: [] };
    const v = validator(schema);
    // JSON round trip: the schema sees what a client parses.
    const ok = v(JSON.parse(JSON.stringify(body ?? null)));
    return {
      checked: true,
      errors: ok
        ? []
        : (v.errors ?? []).map(
            (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
          ),
    };
  };
  cached = {
    version: String((doc.info as { version?: string } | undefined)?.version ?? '?'),
    validateResponse(method, path, status, body) {
      const op = operation(method, path);
      if (!op) throw new Error(`No operation ${method} ${apiPath(path)} in the Xero spec`);
      const responses = op.responses ?? {};
      return run(jsonSchema(deref(responses[String(status)], 'responses')), body);
    },
    validateRequest(method, path, body) {
      const op = operation(method, path);
      if (!op) throw new Error(`No operation ${method} ${apiPath(path)} in the Xero spec`);
      return run(jsonSchema(deref(op.requestBody, 'requestBodies')), body);
    },
  };
  return cached;
}
