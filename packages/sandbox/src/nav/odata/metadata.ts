// $metadata (CSDL/EDMX 4.0) generated from the sandbox's own entity definitions, so it always
// describes exactly what is served: types, keys, properties, enums, contained navigation and actions.
import { encodeOption, type AnyEntityDef } from './edm.js';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Every entity type reachable from the given sets through navigation properties. */
export function reachableTypes(sets: AnyEntityDef[]): AnyEntityDef[] {
  const seen = new Map<string, AnyEntityDef>();
  const visit = (def: AnyEntityDef) => {
    if (seen.has(def.typeName)) return;
    seen.set(def.typeName, def);
    for (const n of def.navigations ?? []) visit(n.target);
  };
  sets.forEach(visit);
  return [...seen.values()];
}

export interface MetadataOptions {
  namespace: string;
  /** Entity sets listed in the container (top-level and company-scoped). */
  containerSets: AnyEntityDef[];
}

export function buildMetadata(roots: AnyEntityDef[], opts: MetadataOptions): string {
  const ns = opts.namespace;
  const types = reachableTypes([...roots, ...opts.containerSets]);
  const enums = new Map<string, readonly string[]>();
  for (const t of types)
    for (const f of t.fields) if (f.enumType && f.options) enums.set(f.enumType, f.options);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push('<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">');
  out.push('  <edmx:DataServices>');
  out.push(`    <Schema Namespace="${ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`);
  for (const [name, members] of enums) {
    out.push(`      <EnumType Name="${esc(name)}">`);
    members.forEach((m, i) => out.push(`        <Member Name="${esc(encodeOption(m))}" Value="${i}" />`));
    out.push('      </EnumType>');
  }
  for (const t of types) {
    out.push(`      <EntityType Name="${esc(t.typeName)}">`);
    out.push('        <Key>');
    for (const k of t.keys) out.push(`          <PropertyRef Name="${esc(k)}" />`);
    out.push('        </Key>');
    for (const f of t.fields) {
      const type = f.enumType ? `${ns}.${f.enumType}` : f.type;
      const attrs = [`Name="${esc(f.name)}"`, `Type="${esc(type)}"`];
      if (t.keys.includes(f.name) || f.nullable === false) attrs.push('Nullable="false"');
      if (f.maxLength !== undefined) attrs.push(`MaxLength="${f.maxLength}"`);
      if (f.type === 'Edm.Decimal') attrs.push('Scale="Variable"');
      out.push(`        <Property ${attrs.join(' ')} />`);
    }
    for (const n of t.navigations ?? []) {
      out.push(
        `        <NavigationProperty Name="${esc(n.name)}" Type="Collection(${ns}.${esc(n.target.typeName)})" ContainsTarget="true" />`,
      );
    }
    out.push('      </EntityType>');
  }
  for (const t of types) {
    for (const a of t.actions ?? []) {
      out.push(`      <Action Name="${esc(a.name)}" IsBound="true">`);
      out.push(`        <Parameter Name="bindingParameter" Type="${ns}.${esc(t.typeName)}" />`);
      out.push('      </Action>');
    }
  }
  out.push('      <EntityContainer Name="NAV">');
  for (const s of opts.containerSets) {
    out.push(`        <EntitySet Name="${esc(s.setName)}" EntityType="${ns}.${esc(s.typeName)}" />`);
  }
  out.push('      </EntityContainer>');
  out.push('    </Schema>');
  out.push('  </edmx:DataServices>');
  out.push('</edmx:Edmx>');
  return out.join('\n');
}
