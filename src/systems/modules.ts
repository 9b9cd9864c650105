// Every registered system's module, loaded once when this file is first imported (each entry of
// the registry loads its own folder's module.ts). The sync engine, bootstrap and pipelines reach a
// system only through systemModule(id).
import type { SystemModule } from './module.js';
import { systemRegistry, type SourceSystem } from './registry.js';

const loaded = new Map<string, SystemModule>();
for (const entry of systemRegistry) {
  const module = (await entry.load()).default;
  if (module.id !== entry.id) throw new Error(`${entry.id}'s module says it is ${module.id}`);
  loaded.set(entry.id, module);
}

export function systemModule(id: SourceSystem): SystemModule {
  const module = loaded.get(id);
  if (!module) throw new Error(`no system module is registered for ${id}`);
  return module;
}

/** Every registered system, in the registry's order. */
export function systemModules(): SystemModule[] {
  return [...loaded.values()];
}

/**
 * The order a full sync reads systems in: those that number master data first, so records the
 * others hold under the same number link to theirs instead of being created again.
 */
export function readOrder(ids: readonly SourceSystem[]): SourceSystem[] {
  const first = ids.filter((id) => systemModule(id).traits.numbersMasterData);
  return [...first, ...ids.filter((id) => !first.includes(id))];
}

/**
 * Adds a system at run time. Only the registry test uses it, to show that a system the pipelines
 * have never heard of is handled through its module alone.
 */
export function registerSystemModule(module: SystemModule): void {
  loaded.set(module.id, module);
}
