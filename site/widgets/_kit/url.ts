// The browser side of params.ts: write a widget's state back into the address bar with history.replaceState as the
// reader changes things, throttled (browsers limit how often a page may call it). Reading happens once, at start.
import { writeUrl, type Params, type Values, type WidgetSchema } from './params.ts';

/** A throttled writer of `values` under `key`; values equal to `defaults` are left out. Never throws. */
export function urlWriter<P extends Params>(schema: WidgetSchema<P>, key: string, defaults: Values<P>, waitMs = 250) {
  let _timer: ReturnType<typeof setTimeout> | undefined;
  let latest: Values<P> | undefined;
  const flush = () => {
    _timer = undefined;
    if (!latest) return;
    const values = latest;
    latest = undefined;
    try {
      const query = writeUrl(schema, key, values, defaults, location.search);
      const url = `${location.pathname}${query}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`)
        history.replaceState(history.state, '', url);
    } catch {
      // Some browsers throw after too many replaceState calls; the URL just stays as it was.
    }
  };
  return (values: Values<P>) => {
    latest = values;
    _timer ??= setTimeout(flush, waitMs);
  };
}
