// The kit's rules that a grep can check: every chart goes through plotChart, nothing below site/widgets is imported by
// the worker or build-time data (no import cycle), every widget is one folder with its parts, and the barrel exports
// each folder's shell.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|astro|mdx)$/.test(f))
    .map((f) => join(dir, f));
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('site structure', () => {
  it('only the kit calls Plot.plot: every chart gets the theme, its name and description, and no per-mark ARIA', () => {
    const callers = [...files('site'), ...files('lessons')].filter((f) => /\bPlot\.plot\(/.test(read(f)));
    expect(callers).toEqual(['site/widgets/_kit/chart.ts']);
  });

  it('the worker and build-time data import lib, never site/widgets', () => {
    const offenders = [...files('site/worker'), ...files('site/data')].filter((f) =>
      /from '[^']*\/widgets\//.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });

  it('each widget is one folder with a shell, params, an element (if it has one) and a README section; the barrel exports it', () => {
    const barrel = read('site/widgets/index.ts');
    const folders = readdirSync(join(ROOT, 'site/widgets'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && !d.name.startsWith('_'),
    );
    expect(folders.length).toBeGreaterThanOrEqual(11);
    for (const { name } of folders) {
      const dir = join('site/widgets', name);
      const shell = readdirSync(join(ROOT, dir)).find((f) => f.endsWith('.astro'));
      expect(shell, `${dir} has a .astro shell`).toBeDefined();
      // The folder is named after the component (VecMatViews in vecmat-views, PolicySolver in policy-solver).
      expect(name.replace(/-/g, ''), `${dir} is named after ${shell}`).toBe(shell!.replace('.astro', '').toLowerCase());
      expect(existsSync(join(ROOT, dir, 'README.md')), `${dir}/README.md`).toBe(true);
      expect(barrel, `index.ts exports ${dir}/${shell}`).toContain(`'./${name}/${shell}'`);
      if (existsSync(join(ROOT, dir, 'element.ts'))) {
        expect(read(join(dir, 'element.ts'))).toMatch(/extends WidgetElement/);
        expect(existsSync(join(ROOT, dir, 'params.ts')), `${dir}/params.ts`).toBe(true);
      }
    }
    // Nothing flat is left beside the folders but the barrel and the guide.
    const flat = readdirSync(join(ROOT, 'site/widgets'), { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
    expect(flat).toEqual(['README.md', 'index.ts']);
  });

  it('page code never bundles the model loader (and with it TensorFlow.js): widgets import worker/models.ts for types only', () => {
    const offenders = files('site/widgets').filter((f) =>
      /^import (?!type)[^;]*from '[^']*worker\/models\.ts'/m.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });

  it('worker request types are <area>.<verb> in lowerCamel after the dot', () => {
    const registrations = files('site/worker/handlers').map(
      (f) => read(f).match(/^export const handlers = \{[^}]*\}/m)?.[0] ?? '',
    );
    const types = registrations.flatMap((r) => [...r.matchAll(/'([^']+)':/g)].map((m) => m[1]));
    expect(types.length).toBeGreaterThan(5);
    for (const t of types) expect(t, t).toMatch(/^[a-z]+\.[a-z][a-zA-Z]*$/);
  });

  it('worker handlers are found by a glob: each handler file registers its own requests, index.ts lists none', () => {
    const index = read('site/worker/handlers/index.ts');
    expect(index).toMatch(/import\.meta\.glob/);
    expect(index).not.toMatch(/from '\.\/(?!index)[\w-]+\.ts'/);
    for (const f of files('site/worker/handlers').filter((f) => !f.endsWith('index.ts'))) {
      const src = read(f);
      const defined = [...src.matchAll(/^export const (\w+) = defineHandler\b/gm)].map((m) => m[1]);
      const registered = src.match(/^export const handlers = \{([^}]*)\}/m)?.[1] ?? '';
      for (const name of defined) expect(registered, `${f} registers ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it("a shell's <style> repeats no rule of the kit's frame.css, and no two shells share one (it belongs in the kit)", () => {
    // A rule is its set of declarations; one- declaration rules (a font weight) are too small to call shared.
    const rules = (css: string) =>
      [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)]
        .map((m) => ({
          selector: m[1].trim(),
          key: m[2]
            .split(';')
            .map((d) => d.trim().replace(/\s+/g, ' ').replace(/'/g, '"'))
            .filter(Boolean)
            .sort()
            .join('; '),
        }))
        .filter((r) => r.key.includes(';'));
    const kit = new Map(rules(read('site/widgets/_kit/frame.css')).map((r) => [r.key, r.selector]));
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    // <Stat> is prose, not a framed widget: frame.css is not on every page it is, so its badge keeps its own rules.
    const shells = files('site/widgets').filter((f) => f.endsWith('.astro') && !/\/(_kit|stat)\//.test(f));
    for (const f of shells) {
      const style = read(f).match(/<style[^>]*>([\s\S]*?)<\/style>/)?.[1] ?? '';
      for (const r of rules(style)) {
        if (kit.has(r.key)) repeated.push(`${f}: ${r.selector} repeats frame.css ${kit.get(r.key)}`);
        const other = seen.get(r.key);
        if (other && other.split(':')[0] !== f) repeated.push(`${f}: ${r.selector} repeats ${other}`);
        seen.set(r.key, `${f}: ${r.selector}`);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('no widget formats a number itself: no toFixed, toLocaleString, toPrecision, Intl.NumberFormat, fmt helpers or a bare Math.round in a template', () => {
    // Outside the kit (and <Stat>'s own format.ts), every number goes through site/widgets/_kit/format.ts, so one
    // quantity reads the same in a shell's first view, its element's live view and its chart.
    const own =
      /\.(toFixed|toLocaleString|toPrecision)\(|Intl\.NumberFormat|(const|let|function) (fmt|format)[A-Za-z]*\b|\$\{Math\.(round|floor|ceil)\(/;
    const offenders = files('site/widgets')
      .filter((f) => !f.includes('/_kit/') && f !== join('site/widgets', 'stat', 'format.ts'))
      .flatMap((f) =>
        read(f)
          .split('\n')
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => own.test(line))
          .map(({ at, line }) => `${at}: ${line.trim().slice(0, 80)}`),
      );
    expect(offenders).toEqual([]);
  });

  it("a worker result's type comes from ResultOf<'area.verb'>, never re-declared beside the widget", () => {
    const offenders = files('site/widgets').filter(
      (f) => !f.includes('/_kit/') && /^(export )?interface \w*(Result|Outcome)\b/m.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });

  it('widgets print numbers through the kit formatters, not their own byte or percent helpers', () => {
    // <Stat>'s own format.ts is the one other formatter (statText), as the kit's README says.
    const widgetFiles = files('site/widgets').filter(
      (f) => !f.includes('/_kit/') && f !== join('site/widgets', 'stat', 'format.ts'),
    );
    const own = widgetFiles.filter((f) =>
      /function (formatBytes|fmtBytes|pct|formatMs|fmtTime)\b|const (grouped|percent|pct) =/.test(read(f)),
    );
    expect(own.map((f) => relative(ROOT, join(ROOT, f)))).toEqual([]);
  });
});
