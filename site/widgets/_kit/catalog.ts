// Every widget built on the kit, found by its folder: site/widgets/<folder>/params.ts (its declaration) and
// site/widgets/<folder>/<Name>.astro (its shell). A new widget folder appears in the catalog, gets a docs page and
// is covered by the docs tests without being listed anywhere. Build-time only (Vite's import.meta.glob).
import type { WidgetSchema } from './params.ts';

export interface CatalogEntry {
  schema: WidgetSchema;
  /** The folder under site/widgets/, e.g. "batch-union". */
  folder: string;
  /** The shell component, to render a live example. */
  Component: unknown;
}

const declarations = import.meta.glob<{ schema?: WidgetSchema }>('../*/params.ts', { eager: true });
const shells = import.meta.glob<{ default: unknown }>('../*/*.astro', { eager: true });

/** Kit widgets sorted by name. */
export function widgetCatalog(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const [path, mod] of Object.entries(declarations)) {
    const folder = path.split('/')[1];
    if (folder === '_kit' || !mod.schema) continue;
    const shell = shells[`../${folder}/${mod.schema.name}.astro`];
    if (!shell)
      throw new Error(
        `site/widgets/${folder}: params.ts declares ${mod.schema.name} but there is no ${mod.schema.name}.astro beside it`,
      );
    out.push({ schema: mod.schema, folder, Component: shell.default });
  }
  return out.sort((a, b) => a.schema.name.localeCompare(b.schema.name));
}
