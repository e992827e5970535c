// `ping`: answers with the backend in use. Widgets call it to show "Backend: wasm" before any real work.
import { defineHandler, type BackendInfo } from '../protocol.ts';
import type { Registered } from './index.ts';

export const ping = defineHandler((_payload: Record<string, never>, ctx): BackendInfo => ctx.backend);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { ping };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
