// The browser side of lib/url-state.ts: read a widget's state from location.search once, and write it back with
// history.replaceState as the reader changes things (throttled: browsers limit how often a page may call it).
import {
  parseState,
  writeState,
  type ParsedState,
  type StateSpec,
  type StateValues,
} from '../../lib/url-state.ts';

export interface UrlBinding<S extends StateSpec> extends ParsedState<S> {
  /** Record new values in the URL (values equal to `defaults` are left out). Never throws. */
  write(values: StateValues<S>, defaults?: StateValues<S>): void;
}

/** Parse `?<prefix>.<param>=…` and `?hide=` from the current URL and return a writer for later changes. */
export function bindUrlState<S extends StateSpec>(
  prefix: string,
  spec: S,
  defaults: StateValues<S>,
  opts: { extraControls?: readonly string[]; throttleMs?: number } = {},
): UrlBinding<S> {
  const parsed = parseState(prefix, spec, defaults, location.search, opts);
  const wait = opts.throttleMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: [StateValues<S>, StateValues<S>] | undefined;
  const flush = () => {
    timer = undefined;
    if (!latest) return;
    const [values, defs] = latest;
    latest = undefined;
    try {
      const query = writeState(prefix, spec, values, defs, location.search);
      const url = `${location.pathname}${query}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
    } catch {
      // Some browsers throw after too many replaceState calls; the URL just stays as it was.
    }
  };
  return {
    ...parsed,
    write(values, defs = defaults) {
      latest = [values, defs];
      timer ??= setTimeout(flush, wait);
    },
  };
}
