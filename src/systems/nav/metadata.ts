// $metadata, fetched once at start-up: every configured service (entity set), every field the
// mappers read or write, every line navigation and posting action must exist, else start-up fails
// naming what is missing (a NAV admin renamed or unpublished something).
import { XMLParser } from 'fast-xml-parser';
import { ConnectorError } from '../errors.js';

export interface EntityTypeInfo {
  name: string;
  properties: Map<string, string>;
  /** MaxLength of the string properties that declare one (NAV: a Text or Code field's length). */
  maxLengths: Map<string, number>;
  navigations: Map<string, string>;
  actions: Set<string>;
}

export interface ServiceModel {
  namespace: string;
  sets: Map<string, EntityTypeInfo>;
  types: Map<string, EntityTypeInfo>;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const stripNs = (t: string) => t.replace(/^Collection\((.*)\)$/, '$1').replace(/^.*\./, '');

type Node = Record<string, unknown>;

export function parseMetadata(xml: string): ServiceModel {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });
  const doc = parser.parse(xml) as Node;
  const schemas = asArray(
    ((doc.Edmx as Node | undefined)?.DataServices as Node | undefined)?.Schema as Node | Node[],
  );
  const types = new Map<string, EntityTypeInfo>();
  const sets = new Map<string, EntityTypeInfo>();
  let namespace = '';
  for (const schema of schemas) {
    namespace ||= text(schema.Namespace);
    for (const t of asArray(schema.EntityType as Node | Node[])) {
      const properties = asArray(t.Property as Node | Node[]);
      const info: EntityTypeInfo = {
        name: String(t.Name),
        properties: new Map(properties.map((p) => [String(p.Name), String(p.Type)])),
        maxLengths: new Map(
          properties
            .filter((p) => /^\d+$/.test(String(p.MaxLength)))
            .map((p) => [String(p.Name), Number(p.MaxLength)]),
        ),
        navigations: new Map(
          asArray(t.NavigationProperty as Node | Node[]).map((n) => [
            String(n.Name),
            stripNs(String(n.Type)),
          ]),
        ),
        actions: new Set(),
      };
      types.set(info.name, info);
    }
  }
  for (const schema of schemas) {
    const ns = text(schema.Namespace) || namespace;
    for (const a of asArray(schema.Action as Node | Node[])) {
      if (String(a.IsBound) !== 'true') continue;
      const binding = asArray(a.Parameter as Node | Node[])[0];
      const target = binding ? types.get(stripNs(String(binding.Type))) : undefined;
      target?.actions.add(`${ns}.${String(a.Name)}`);
    }
    for (const c of asArray(schema.EntityContainer as Node | Node[])) {
      for (const s of asArray(c.EntitySet as Node | Node[])) {
        const t = types.get(stripNs(String(s.EntityType)));
        if (t) sets.set(String(s.Name), t);
      }
    }
  }
  return { namespace, sets, types };
}

export interface ServiceRequirement {
  /** What the connector uses it for, e.g. "customer". */
  purpose: string;
  service: string;
  fields: readonly string[];
  lines?: { navigation: string; fields: readonly string[] } | undefined;
  action?: string | undefined;
  /** What to do when this requirement is not met (said once after the problems). */
  hint?: string | undefined;
}

/** Every problem found, as sentences naming the service/field; empty when the model fits. */
export function findMismatches(model: ServiceModel, requirements: readonly ServiceRequirement[]): string[] {
  return requirements.flatMap((r) => requirementProblems(model, r));
}

function requirementProblems(model: ServiceModel, r: ServiceRequirement): string[] {
  const problems: string[] = [];
  const type = model.sets.get(r.service);
  if (!type) {
    problems.push(`service '${r.service}' (${r.purpose}) is not published`);
    return problems;
  }
  const missing = r.fields.filter((f) => !type.properties.has(f));
  if (missing.length)
    problems.push(
      `service '${r.service}' (${r.purpose}) lacks field(s) ${missing.map((f) => `'${f}'`).join(', ')}`,
    );
  if (r.lines) {
    const lineType = model.types.get(type.navigations.get(r.lines.navigation) ?? '');
    if (!lineType) {
      problems.push(`service '${r.service}' (${r.purpose}) has no lines navigation '${r.lines.navigation}'`);
    } else {
      const lm = r.lines.fields.filter((f) => !lineType.properties.has(f));
      if (lm.length)
        problems.push(
          `lines '${r.lines.navigation}' of '${r.service}' lack field(s) ${lm.map((f) => `'${f}'`).join(', ')}`,
        );
    }
  }
  if (r.action && !type.actions.has(r.action)) {
    problems.push(`service '${r.service}' (${r.purpose}) has no bound action '${r.action}'`);
  }
  return problems;
}

export function assertModel(model: ServiceModel, requirements: readonly ServiceRequirement[]): void {
  const problems: string[] = [];
  const hints = new Set<string>();
  for (const r of requirements) {
    const found = requirementProblems(model, r);
    problems.push(...found);
    if (found.length && r.hint) hints.add(r.hint);
  }
  if (problems.length) {
    const advice = hints.size ? ` (${[...hints].join('; ')})` : '';
    throw new ConnectorError(
      'validation',
      `NAV/BC metadata does not match the connector configuration: ${problems.join('; ')}${advice}`,
      {
        system: 'NAV',
        code: 'MetadataMismatch',
        fieldErrors: problems.map((message) => ({ field: '', message })),
      },
    );
  }
}

/** Type of a property (e.g. Edm.Date vs Edm.DateTimeOffset for Last_Date_Modified). */
export function propertyType(model: ServiceModel, service: string, field: string): string | undefined {
  return model.sets.get(service)?.properties.get(field);
}

/** MaxLength of a string property, when the metadata declares one. */
export function maxLength(model: ServiceModel, service: string, field: string): number | undefined {
  return model.sets.get(service)?.maxLengths.get(field);
}
