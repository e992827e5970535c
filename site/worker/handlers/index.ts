// Every request the model worker answers, by type, named `<area>.<verb>` (lowerCamel after the dot). To add one:
// write site/worker/handlers/<area>-<thing>.ts exporting a handler made with defineHandler((payload: P, ctx) =>
// result), and at its end `export const handlers = { '<area>.<verb>': yourHandler }` with the `declare module` block
// the other files have. This file finds every such file by a glob (as the widget catalog finds widget folders), and
// the page-side client derives its types from the merged Handlers interface, so
// `modelWorker().request('<type>', payload)` is checked end to end without a list to edit.
import type { Handler } from '../protocol.ts';

/** Request type → handler. Empty here: each handler file adds its own requests (`declare module './index.ts'`). */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the handler files' module augmentations
export interface Handlers {}
/** For a handler file's augmentation: `interface Handlers extends Registered<typeof handlers> {}`. */
export type Registered<T> = T;

const modules = import.meta.glob<{ handlers?: Record<string, Handler<never, unknown>> }>(['./*.ts', '!./index.ts'], {
  eager: true,
});

/** Every handler file's requests in one object; a request type claimed by two files is an error. */
function collect(): Handlers {
  const all: Record<string, Handler<never, unknown>> = {};
  for (const [file, mod] of Object.entries(modules))
    for (const [type, handler] of Object.entries(mod.handlers ?? {})) {
      if (type in all) throw new Error(`${file}: request type "${type}" is already handled by another file`);
      all[type] = handler;
    }
  return all as unknown as Handlers;
}

export const handlers: Handlers = collect();

export type RequestType = keyof Handlers;
export type PayloadOf<T extends RequestType> = Parameters<Handlers[T]>[0];
export type ResultOf<T extends RequestType> = Awaited<ReturnType<Handlers[T]>>;
