// A widget's parameters, declared once. The same declaration checks the .astro shell's props at build time (a bad
// prop fails the build) and reads the reader's URL in the browser (a bad value is clamped or ignored, with a note).
//
//   export const schema = defineWidget({
//     name: 'HotColdCurve', tag: 'hot-cold-curve', urlKey: 'hotcold',
//     params: {
//       budget: { kind: 'number', min: 0, max: 1, default: 0.2, label: 'GPU budget', doc: 'share of all FFN neurons' },
//       size: { kind: 'choice', values: ['7b', 'ours'], default: '7b', label: 'Neuron size' },
//     },
//     controls: ['chart'],                       // hideable parts that are not parameters (?hide=hotcold.chart)
//   });
//
// URL form: ?<urlKey>.<param>=value (e.g. ?hotcold.budget=0.3), ?hide=hotcold.size,hotcold.chart. A parameter may
// list `aliases`, old names still read from shared links; the current name is what gets written back.
// Plain data only (no DOM): used by the shell (Node), the element (browser) and Node tests.
import type { Lang } from '../../i18n/lang.ts';
import { KIT } from './text.ts';

/** An old URL name of a number parameter whose values were in another unit: new value = old value × scale. */
export interface Alias {
  name: string;
  scale: number;
}

/** A parameter's words in one edition: its control's label and the docs' one-line description. */
export interface ParamText {
  label: string;
  doc?: string;
}

interface Described<V> {
  /** Short name of the control, e.g. "GPU budget". */
  label: string;
  /** One line for the widget's README table: what the value means, its unit. */
  doc?: string;
  /** The same words in the Chinese edition (tests/widgets/widget-text.test.ts requires them for every parameter). */
  zh?: ParamText;
  /**
   * Old URL names (under the same urlKey) that shared links may still carry; read, never written. An old name whose
   * unit differed gives its factor: { name: 'budget', scale: 0.01 } reads budget=50 (percent) as 0.5 (a share).
   */
  aliases?: readonly (string | Alias)[];
  /** The value used when neither prop nor URL sets one. Without it the parameter is optional (undefined). */
  default?: V;
}
/** A whole number in [min, max]. `step`: the control's step (default 1). */
export interface IntParam extends Described<number> {
  kind: 'int';
  min: number;
  max: number;
  step?: number;
}
/** A number in [min, max]. `step`: the control's step (default a hundredth of the range, see field.ts). */
export interface NumberParam extends Described<number> {
  kind: 'number';
  min: number;
  max: number;
  step?: number;
}
/** true / false (also 1 / 0, yes / no, on / off). */
export interface BoolParam extends Described<boolean> {
  kind: 'bool';
}
/** One of a fixed set of words (matched case-insensitively). */
export interface ChoiceParam<E extends string = string> extends Described<E> {
  kind: 'choice';
  values: readonly E[];
}
/** Free text (a prompt): at least `minLength` non-blank characters (default 1), at most `maxLength`. */
export interface TextParam extends Described<string> {
  kind: 'text';
  maxLength: number;
  minLength?: number;
}
/**
 * Comma-separated numbers in [min, max]. `length` fixes the count; otherwise any count up to `maxLength`.
 * `unique` drops repeats and sorts (for sets of indices).
 */
export interface ListParam extends Described<readonly number[]> {
  kind: 'list';
  min: number;
  max: number;
  integer?: boolean;
  length?: number;
  maxLength?: number;
  unique?: boolean;
}
export type Param = IntParam | NumberParam | BoolParam | ChoiceParam | TextParam | ListParam;
export type Params = Record<string, Param>;

type Base<P extends Param> = P extends IntParam | NumberParam
  ? number
  : P extends ChoiceParam<infer E>
    ? E
    : P extends BoolParam
      ? boolean
      : P extends TextParam
        ? string
        : P extends ListParam
          ? number[]
          : never;
/** The value a parameter produces: undefined is possible only when it has no default. */
export type ValueOf<P extends Param> = P extends { default: unknown } ? Base<P> : Base<P> | undefined;
export type Values<P extends Params> = { -readonly [K in keyof P]: ValueOf<P[K]> };

export interface WidgetSchema<P extends Params = Params> {
  /** The component's name, as authors write it (<HotColdCurve />): used in every error message. */
  name: string;
  /** The custom element's tag, e.g. "hot-cold-curve". */
  tag: string;
  /** Default URL prefix; a page with two copies gives the second its own `urlKey` prop. */
  urlKey: string;
  params: P;
  /** Hideable parts that are not parameters (?hide=<key>.<name>), e.g. a chart or a button. */
  controls?: readonly string[];
}

/** Declare a widget (identity, with checks that catch a bad declaration at build time). */
export function defineWidget<const P extends Params>(schema: WidgetSchema<P>): WidgetSchema<P> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(schema.tag))
    throw new Error(`${schema.name}: tag "${schema.tag}" must be a custom element name like "foo-bar"`);
  checkUrlKey(schema.name, schema.urlKey);
  for (const [name, p] of Object.entries(schema.params)) {
    if (p.default !== undefined) {
      const r = parseParam(name, p, formatValue(p.default));
      if (!r.ok || r.note)
        throw new Error(
          `${schema.name}: default of "${name}" must be ${describeParam(p)}; it is ${quote(formatValue(p.default))}`,
        );
    }
  }
  return schema;
}

/** Raw values longer than this are ignored without being parsed (a text parameter cuts at its maxLength). */
export const MAX_RAW_LENGTH = 2000;

export type ParamResult<V> = { ok: true; value: V; note?: string } | { ok: false; note: string };

/** Quote a raw value for a note: trimmed to 24 characters, control characters removed. */
export function quote(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/[\u0000-\u001f\u007f]/g, '');
  return JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function parseNumberToken(tok: string): number | undefined {
  const t = tok.trim();
  if (t.length === 0 || t.length > 40 || !NUMBER_RE.test(t)) return undefined;
  const v = Number(t);
  return Number.isNaN(v) ? undefined : v; // ±Infinity (e.g. 1e999) is kept and clamped below
}

const short = (v: number) => String(+v.toPrecision(6));

/** Round (for whole numbers) and clamp one number; returns the value and, if it changed, why. */
function fit(v: number, min: number, max: number, integer: boolean, lang: Lang): { value: number; why?: string } {
  const say = KIT[lang].notes;
  let value = v;
  let why: string | undefined;
  if (integer && !Number.isInteger(value) && Number.isFinite(value)) {
    value = Math.round(value);
    why = say.rounded(short(value));
  }
  if (value < min) {
    value = min;
    why = say.belowMin(short(value));
  } else if (value > max) {
    value = max;
    why = say.aboveMax(short(value));
  }
  return { value: value + 0, why };
}

/** A parameter in words, for messages and the docs: "an integer in [1, 16]", "one of "7b", "ours"". */
export function describeParam(p: Param, lang: Lang = 'en'): string {
  const zh = lang === 'zh';
  switch (p.kind) {
    case 'int':
      return zh ? `[${p.min}, ${p.max}] 内的整数` : `an integer in [${p.min}, ${p.max}]`;
    case 'number':
      return zh ? `[${p.min}, ${p.max}] 内的数` : `a number in [${p.min}, ${p.max}]`;
    case 'choice': {
      const values = p.values.map((v) => JSON.stringify(v)).join(', ');
      return zh ? `${values} 之一` : `one of ${values}`;
    }
    case 'bool':
      return zh ? 'true 或 false' : 'true or false';
    case 'text':
      return zh
        ? `${p.minLength ?? 1} 到 ${p.maxLength} 个字符的文本`
        : `text of ${p.minLength ?? 1} to ${p.maxLength} characters`;
    case 'list': {
      const range = `[${p.min}, ${p.max}]`;
      if (zh) {
        const count =
          p.length !== undefined ? `${p.length} 个` : p.maxLength !== undefined ? `至多 ${p.maxLength} 个` : '若干';
        return `${count}以逗号分隔、在 ${range} 内的${p.integer ? '整数' : '数'}${p.unique ? '，不重复' : ''}`;
      }
      const count = p.length ?? `up to ${p.maxLength ?? 'any number of'}`;
      return `${count} comma-separated ${p.integer ? 'integer' : 'number'}s in ${range}${p.unique ? ', without repeats' : ''}`;
    }
  }
}

/** A parameter's label and description in an edition (the English ones are the declaration's own). */
export function paramText(p: Param, lang: Lang): ParamText {
  return lang === 'zh' && p.zh ? p.zh : { label: p.label, doc: p.doc };
}

/**
 * Parse one raw string against its parameter. `name` is the full name shown in notes (e.g. "hotcold.budget"),
 * written in the page's edition `lang`.
 */
export function parseParam(name: string, p: Param, raw: string, lang: Lang = 'en'): ParamResult<unknown> {
  const say = KIT[lang].notes;
  if (p.kind === 'text') return parseText(name, p, raw, lang);
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, note: say.tooLong(name, raw.length) };
  switch (p.kind) {
    case 'int':
    case 'number': {
      const v = parseNumberToken(raw);
      if (v === undefined) return { ok: false, note: say.notNumber(name, quote(raw), p.kind === 'int', p.min, p.max) };
      const { value, why } = fit(v, p.min, p.max, p.kind === 'int', lang);
      return { ok: true, value, note: why && say.adjusted(name, quote(raw), why) };
    }
    case 'choice': {
      const t = raw.trim().toLowerCase();
      const hit = p.values.find((e) => e.toLowerCase() === t);
      if (hit === undefined) return { ok: false, note: say.notChoice(name, quote(raw), p.values.join(', ')) };
      return { ok: true, value: hit };
    }
    case 'bool': {
      const t = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(t)) return { ok: true, value: true };
      if (['0', 'false', 'no', 'off'].includes(t)) return { ok: true, value: false };
      return { ok: false, note: say.notBool(name, quote(raw)) };
    }
    case 'list':
      return parseList(name, p, raw, lang);
  }
}

function parseText(name: string, p: TextParam, raw: string, lang: Lang): ParamResult<string> {
  const say = KIT[lang].notes;
  const min = p.minLength ?? 1;
  if (raw.trim().length < min) return { ok: false, note: say.blank(name, min) };
  if (raw.length > p.maxLength) {
    return {
      ok: true,
      value: raw.slice(0, p.maxLength),
      note: say.cut(name, raw.length.toLocaleString('en-US'), p.maxLength),
    };
  }
  return { ok: true, value: raw };
}

function parseList(name: string, p: ListParam, raw: string, lang: Lang): ParamResult<number[]> {
  const say = KIT[lang].notes;
  const tokens = raw.split(',');
  const kept = tokens.filter((t) => t.trim() !== '');
  const notes: string[] = [];
  if (kept.length !== tokens.length && !(tokens.length === 1 && p.length === undefined)) notes.push(say.emptyDropped);
  let values: number[] = [];
  for (const t of kept) {
    const v = parseNumberToken(t);
    if (v === undefined) return { ok: false, note: say.notList(name, quote(raw), p.length, p.min, p.max) };
    values.push(v);
  }
  if (p.length !== undefined && values.length !== p.length) {
    return { ok: false, note: say.wrongCount(name, quote(raw), p.length, p.min, p.max, values.length) };
  }
  const max = p.length ?? p.maxLength ?? Infinity;
  if (values.length > max) {
    values = values.slice(0, max);
    notes.push(say.firstOnly(max));
  }
  let changed = false;
  values = values.map((v) => {
    const f = fit(v, p.min, p.max, !!p.integer, lang);
    if (f.why) changed = true;
    return f.value;
  });
  if (changed) notes.push(say.listFitted(!!p.integer, p.min, p.max));
  if (p.unique) {
    const u = [...new Set(values)].sort((a, b) => a - b);
    if (u.length !== values.length) notes.push(say.repeatsDropped);
    values = u;
  }
  return { ok: true, value: values, note: notes.length ? say.listChanges(name, quote(raw), notes) : undefined };
}

/** How a value is written in a URL or a data attribute: numbers in shortest form, lists comma-separated. */
export function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => formatValue(x)).join(',');
  if (typeof v === 'number') return String(v + 0);
  return String(v);
}

/** The defaults of every parameter (undefined for optional ones). */
export function defaultsOf<P extends Params>(schema: WidgetSchema<P>): Values<P> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(schema.params)) out[k] = Array.isArray(p.default) ? [...p.default] : p.default;
  return out as Values<P>;
}

/** Throws unless `key` is a usable URL prefix: lowercase letters, digits and "-", starting with a letter. */
export function checkUrlKey(widget: string, key: unknown): string {
  if (typeof key !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(key)) {
    throw new Error(
      `${widget}: prop "urlKey" must be lowercase letters, digits and "-", starting with a letter; received ${JSON.stringify(key)}`,
    );
  }
  return key;
}

export interface CheckedProps<P extends Params> {
  /** Every parameter: the prop where given, else the default. These are the defaults the URL overrides. */
  values: Values<P>;
  /** The URL prefix (the `urlKey` prop or the schema's). */
  key: string;
  /** An element id unique on the page: `${key}-${name}`. */
  id: (name: string) => string;
}

/**
 * Build-time check of a shell's props: each must fit its parameter exactly (no clamping or rounding), else the build
 * fails with `<Widget>: prop "<prop>" must be <allowed>; received "<value>"`. `extra` names props the shell reads
 * itself (not parameters); any other unknown prop is an error too, so a typo never passes silently.
 */
export function checkProps<P extends Params>(
  schema: WidgetSchema<P>,
  props: Record<string, unknown>,
  { extra = [] }: { extra?: readonly string[] } = {},
): CheckedProps<P> {
  const values = defaultsOf(schema) as Record<string, unknown>;
  for (const [prop, given] of Object.entries(props)) {
    // data-astro-*: attributes Astro adds itself (scoped styles), not the author's props.
    if (given === undefined || prop === 'urlKey' || extra.includes(prop) || prop.startsWith('data-astro-')) continue;
    const p = schema.params[prop];
    if (!p) {
      const known = [...Object.keys(schema.params), 'urlKey', ...extra].join(', ');
      throw new Error(`${schema.name}: unknown prop "${prop}"; known: ${known}`);
    }
    const raw = Array.isArray(given) ? given.join(',') : String(given);
    const r = parseParam(prop, p, raw);
    const shape = given !== null && typeof given === 'object' && !Array.isArray(given);
    if (!r.ok || r.note || shape || (p.kind === 'text' && typeof given !== 'string')) {
      throw new Error(`${schema.name}: prop "${prop}" must be ${describeParam(p)}; received ${quote(raw)}`);
    }
    values[prop] = r.value;
  }
  const key = checkUrlKey(schema.name, props.urlKey ?? schema.urlKey);
  return { values: values as Values<P>, key, id: (name) => `${key}-${name}` };
}

export interface UrlState<P extends Params> {
  /** Every parameter: from the URL where it was valid, otherwise from `defaults`. */
  values: Values<P>;
  /** Parameters the URL set (valid, possibly clamped). */
  fromUrl: Set<keyof P & string>;
  /** Parameters and controls named in ?hide= for this prefix. */
  hidden: Set<string>;
  /** What was clamped or ignored, in plain words; empty for a clean URL. */
  notes: string[];
}

function toParams(search: string | URLSearchParams): URLSearchParams {
  if (typeof search !== 'string') return search;
  try {
    return new URLSearchParams(search);
  } catch {
    return new URLSearchParams();
  }
}

/**
 * Read the widget under `key` from a query string. `defaults` supplies every value (the shell's checked props);
 * the URL overrides what it validly names, under a current name or an alias (the current name wins). Never throws.
 * Notes are written in the page's edition `lang`.
 */
export function readUrl<P extends Params>(
  schema: WidgetSchema<P>,
  key: string,
  defaults: Values<P>,
  search: string | URLSearchParams,
  lang: Lang = 'en',
): UrlState<P> {
  const say = KIT[lang].notes;
  const params = toParams(search);
  const values = { ...defaults } as Record<string, unknown>;
  const fromUrl = new Set<keyof P & string>();
  const notes: string[] = [];
  const lead = `${key}.`;
  const byName = new Map<string, string>();
  const scaleOf = new Map<string, number>();
  for (const [name, p] of Object.entries(schema.params)) {
    byName.set(name, name);
    for (const a of p.aliases ?? []) {
      const old = typeof a === 'string' ? a : a.name;
      if (Object.hasOwn(schema.params, old)) continue;
      byName.set(old, name);
      if (typeof a !== 'string') scaleOf.set(old, a.scale);
    }
  }
  // Aliases first, so that a current name given too overrides its old one.
  const keys = [...new Set(params.keys())].filter((k) => k.startsWith(lead));
  const isCurrent = (k: string) => byName.get(k.slice(lead.length)) === k.slice(lead.length);
  keys.sort((a, b) => Number(isCurrent(a)) - Number(isCurrent(b)));
  for (const k of keys) {
    const given = k.slice(lead.length);
    const name = byName.get(given);
    if (name === undefined) {
      const known = Object.keys(schema.params).map((n) => lead + n);
      notes.push(say.unknown(quote(k), known.join(', ')));
      continue;
    }
    const all = params.getAll(k);
    if (all.length > 1) notes.push(say.repeated(k, all.length));
    let raw = all[all.length - 1];
    const scale = scaleOf.get(given);
    if (scale !== undefined) {
      const v = parseNumberToken(raw);
      if (v !== undefined) raw = String(+(v * scale).toPrecision(12)); // an old unit: convert, then check as usual
    }
    const r = parseParam(k, schema.params[name], raw, lang);
    if (r.note) notes.push(r.note);
    if (r.ok) {
      values[name] = r.value;
      fromUrl.add(name as keyof P & string);
    }
  }
  const hidden = new Set<string>();
  const hideable = new Set([...Object.keys(schema.params), ...(schema.controls ?? [])]);
  for (const raw of params.getAll('hide')) {
    if (raw.length > MAX_RAW_LENGTH) {
      notes.push(say.hideTooLong(raw.length));
      continue;
    }
    for (const item of raw.split(',')) {
      const t = item.trim();
      if (!t.startsWith(lead)) continue; // another widget's control, or junk for nobody
      const name = byName.get(t.slice(lead.length)) ?? t.slice(lead.length);
      if (hideable.has(name)) hidden.add(name);
      else notes.push(say.cannotHide(quote(t), [...hideable].map((k) => lead + k).join(', ')));
    }
  }
  return { values: values as Values<P>, fromUrl, hidden, notes };
}

const encode = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',');

/**
 * The query string (with its "?", or "" when empty) after writing `values` under `key` into `search`: values equal
 * to `defaults` are left out so URLs stay short, old (alias) names of this widget are dropped, and everything else
 * (other widgets, `hide`, unrelated parameters) is kept in order. Text longer than its maxLength (or blank) is not
 * written: a link could not carry it, so the link keeps the default.
 */
export function writeUrl<P extends Params>(
  schema: WidgetSchema<P>,
  key: string,
  values: Values<P>,
  defaults: Values<P>,
  search: string | URLSearchParams,
): string {
  const params = toParams(search);
  const lead = `${key}.`;
  const parts: string[] = [];
  for (const [k, v] of params) if (!k.startsWith(lead)) parts.push(`${encode(k)}=${encode(v)}`);
  for (const name of Object.keys(schema.params)) {
    const v = values[name];
    const p = schema.params[name];
    if (v === undefined || formatValue(v) === formatValue(defaults[name])) continue;
    if (p.kind === 'text' && (typeof v !== 'string' || v.trim() === '' || v.length > p.maxLength)) continue; // a link cannot carry it
    parts.push(`${encode(lead + name)}=${encode(formatValue(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
