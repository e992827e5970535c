// Widget state in the URL, parsed and written without touching the DOM.
//
//   ?vecmat.x=2,0,1&vecmat.view=rows&vecmat.seed=7     one widget's settings, under its prefix
//   ?hide=vecmat.view,vecmat.seed                         controls to hide (for embedding a simpler figure)
//
// Each parameter is checked against a declared spec. Anything out of range is clamped and anything malformed is
// ignored; either way a short, human-readable note says what happened, so a widget can show it and still work.
// A URL can never make a widget throw. The browser binding (history.replaceState) lives in site/lib-client/.

/** A number in [min, max]; `integer` rounds to whole numbers. */
export interface NumberSpec {
  kind: 'number';
  min: number;
  max: number;
  integer?: boolean;
}
/** One of a fixed set of words (matched case-insensitively). */
export interface EnumSpec<E extends string = string> {
  kind: 'enum';
  values: readonly E[];
}
/**
 * Comma-separated numbers in [min, max]. `length` fixes the count; otherwise any count up to `maxLength`.
 * `unique` drops repeats and sorts (for sets of indices, e.g. columns marked known-zero).
 */
export interface ListSpec {
  kind: 'list';
  min: number;
  max: number;
  integer?: boolean;
  length?: number;
  maxLength?: number;
  unique?: boolean;
}
/** true / false (also 1 / 0, yes / no, on / off). */
export interface BoolSpec {
  kind: 'bool';
}
export type ParamSpec = NumberSpec | EnumSpec | ListSpec | BoolSpec;
export type StateSpec = Record<string, ParamSpec>;

/** The value type a spec produces. */
export type ValueOf<P extends ParamSpec> = P extends NumberSpec
  ? number
  : P extends EnumSpec<infer E>
    ? E
    : P extends ListSpec
      ? number[]
      : P extends BoolSpec
        ? boolean
        : never;
export type StateValues<S extends StateSpec> = { [K in keyof S]: ValueOf<S[K]> };

/** Raw values longer than this are ignored without being parsed. */
export const MAX_RAW_LENGTH = 2000;

export type ParamResult<V> = { ok: true; value: V; note?: string } | { ok: false; note: string };

/** Quote a raw URL value for a note: trimmed to 24 characters, control characters removed. */
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

function fmt(v: number): string {
  return String(+v.toPrecision(6));
}

/** Round and clamp one number to a number or list spec; returns the value and, if it changed, why. */
function fitNumber(v: number, spec: NumberSpec | ListSpec): { value: number; why?: string } {
  let value = v;
  let why: string | undefined;
  if (spec.integer && !Number.isInteger(value) && Number.isFinite(value)) {
    value = Math.round(value);
    why = `rounded to ${fmt(value)}`;
  }
  if (value < spec.min) {
    value = spec.min;
    why = `below the minimum, so ${fmt(value)} is used`;
  } else if (value > spec.max) {
    value = spec.max;
    why = `above the maximum, so ${fmt(value)} is used`;
  }
  return { value: value + 0, why };
}

/** A spec in words, for error messages: "3 comma-separated numbers in [-9, 9]", "one of elements, rows, columns". */
export function describeSpec(spec: ParamSpec): string {
  const kind = (integer?: boolean) => (integer ? 'integer' : 'number');
  switch (spec.kind) {
    case 'number':
      return `${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'bool':
      return 'true or false';
    case 'list': {
      const count = spec.length ?? `up to ${spec.maxLength ?? 'any number of'}`;
      return `${count} comma-separated ${kind(spec.integer)}s in [${spec.min}, ${spec.max}]${spec.unique ? ', without repeats' : ''}`;
    }
  }
}

/**
 * Strict parsing for build-time props: the value must fit the spec exactly (no clamping, rounding or dropping).
 * Throws `<Widget>: prop "<prop>" must be <spec in words>; received "<value>"`.
 */
export function strictParam(widget: string, prop: string, spec: ParamSpec, value: unknown): unknown {
  const raw = Array.isArray(value) ? value.join(',') : String(value);
  const r = parseParam(prop, spec, raw);
  if (!r.ok || r.note || (value !== null && typeof value === 'object' && !Array.isArray(value))) {
    throw new Error(`${widget}: prop "${prop}" must be ${describeSpec(spec)}; received ${quote(raw)}`);
  }
  return r.value;
}

/** Parse one raw value against its spec. `name` is the full parameter name, used in notes. */
export function parseParam(name: string, spec: ParamSpec, raw: string): ParamResult<unknown> {
  if (raw.length > MAX_RAW_LENGTH) {
    return { ok: false, note: `Ignored ${name}: the value is ${raw.length} characters long.` };
  }
  switch (spec.kind) {
    case 'number': {
      const v = parseNumberToken(raw);
      if (v === undefined) {
        return { ok: false, note: `Ignored ${name}=${quote(raw)}: expected a number from ${spec.min} to ${spec.max}.` };
      }
      const { value, why } = fitNumber(v, spec);
      return { ok: true, value, note: why && `${name}=${quote(raw)} is ${why}.` };
    }
    case 'enum': {
      const t = raw.trim().toLowerCase();
      const hit = spec.values.find((e) => e.toLowerCase() === t);
      if (hit === undefined) {
        return { ok: false, note: `Ignored ${name}=${quote(raw)}: expected one of ${spec.values.join(', ')}.` };
      }
      return { ok: true, value: hit };
    }
    case 'bool': {
      const t = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(t)) return { ok: true, value: true };
      if (['0', 'false', 'no', 'off'].includes(t)) return { ok: true, value: false };
      return { ok: false, note: `Ignored ${name}=${quote(raw)}: expected true or false.` };
    }
    case 'list': {
      const want = spec.length !== undefined ? `${spec.length} comma-separated numbers` : 'comma-separated numbers';
      const range = `from ${spec.min} to ${spec.max}`;
      const tokens = raw.split(',');
      const kept = tokens.filter((t) => t.trim() !== '');
      const notes: string[] = [];
      if (kept.length !== tokens.length && !(tokens.length === 1 && spec.length === undefined)) {
        notes.push('empty entries were dropped');
      }
      let values: number[] = [];
      for (const t of kept) {
        const v = parseNumberToken(t);
        if (v === undefined) return { ok: false, note: `Ignored ${name}=${quote(raw)}: expected ${want} ${range}.` };
        values.push(v);
      }
      if (spec.length !== undefined && values.length !== spec.length) {
        return {
          ok: false,
          note: `Ignored ${name}=${quote(raw)}: expected ${want} ${range}, found ${values.length}.`,
        };
      }
      const max = spec.length ?? spec.maxLength ?? Infinity;
      if (values.length > max) {
        values = values.slice(0, max);
        notes.push(`only the first ${max} are used`);
      }
      let changed = false;
      values = values.map((v) => {
        const f = fitNumber(v, spec);
        if (f.why) changed = true;
        return f.value;
      });
      if (changed) {
        const to = `the range ${spec.min} to ${spec.max}`;
        notes.push(spec.integer ? `entries were rounded or clamped to ${to}` : `entries were clamped to ${to}`);
      }
      if (spec.unique) {
        const u = [...new Set(values)].sort((a, b) => a - b);
        if (u.length !== values.length) notes.push('repeats were dropped');
        values = u;
      }
      return { ok: true, value: values, note: notes.length ? `${name}=${quote(raw)}: ${notes.join('; ')}.` : undefined };
    }
  }
}

export interface ParsedState<S extends StateSpec> {
  /** Every parameter: from the URL where it was valid, otherwise from `defaults`. */
  values: StateValues<S>;
  /** Parameters that the URL set (valid, possibly clamped). */
  fromUrl: Set<keyof S & string>;
  /** Controls named in ?hide= for this prefix (only names in `spec` or `extraControls`). */
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
 * Read the state of the widget under `prefix` from a query string. `defaults` supplies every value (usually the
 * widget's props); the URL overrides what it validly names. `extraControls` are hideable names that are not
 * parameters (e.g. a "randomize" button). Never throws.
 */
export function parseState<S extends StateSpec>(
  prefix: string,
  spec: S,
  defaults: StateValues<S>,
  search: string | URLSearchParams,
  { extraControls = [] }: { extraControls?: readonly string[] } = {},
): ParsedState<S> {
  const params = toParams(search);
  const values = { ...defaults };
  const fromUrl = new Set<keyof S & string>();
  const notes: string[] = [];
  const lead = `${prefix}.`;
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!key.startsWith(lead) || seen.has(key)) continue;
    seen.add(key);
    const name = key.slice(lead.length);
    if (!Object.hasOwn(spec, name)) {
      notes.push(`Ignored unknown setting ${quote(key)}; known: ${Object.keys(spec).map((k) => lead + k).join(', ')}.`);
      continue;
    }
    const all = params.getAll(key);
    if (all.length > 1) notes.push(`${key} appears ${all.length} times; the last one is used.`);
    const r = parseParam(key, spec[name], all[all.length - 1]);
    if (r.note) notes.push(r.note);
    if (r.ok) {
      (values as Record<string, unknown>)[name] = r.value;
      fromUrl.add(name as keyof S & string);
    }
  }
  const hidden = new Set<string>();
  const hideable = new Set([...Object.keys(spec), ...extraControls]);
  for (const raw of params.getAll('hide')) {
    if (raw.length > MAX_RAW_LENGTH) {
      notes.push(`Ignored hide: the value is ${raw.length} characters long.`);
      continue;
    }
    for (const item of raw.split(',')) {
      const t = item.trim();
      if (!t.startsWith(lead)) continue; // another widget's control, or junk for nobody
      const name = t.slice(lead.length);
      if (hideable.has(name)) hidden.add(name);
      else notes.push(`Cannot hide ${quote(t)}: no such control; hideable: ${[...hideable].map((k) => lead + k).join(', ')}.`);
    }
  }
  return { values, fromUrl, hidden, notes };
}

/** How a value is written in a URL: numbers in shortest form, lists comma-separated. */
export function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => formatValue(x)).join(',');
  if (typeof v === 'number') return String(v + 0);
  return String(v);
}

function equal(a: unknown, b: unknown): boolean {
  return formatValue(a) === formatValue(b);
}

const encode = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',');

/**
 * The query string (with its leading "?", or "" when empty) after writing the widget's `values` under `prefix`
 * into `search`: values equal to `defaults` are left out so URLs stay short; other widgets' parameters, `hide`
 * and unrelated parameters are kept as they were, in order.
 */
export function writeState<S extends StateSpec>(
  prefix: string,
  spec: S,
  values: StateValues<S>,
  defaults: StateValues<S>,
  search: string | URLSearchParams,
): string {
  const params = toParams(search);
  const lead = `${prefix}.`;
  const parts: string[] = [];
  for (const [k, v] of params) if (!k.startsWith(lead)) parts.push(`${encode(k)}=${encode(v)}`);
  for (const name of Object.keys(spec)) {
    const v = values[name];
    if (!equal(v, defaults[name])) parts.push(`${encode(lead + name)}=${encode(formatValue(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
