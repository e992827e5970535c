// `ping`: answers with the backend in use. Widgets call it to show "Backend: wasm" before any real work.
import { defineHandler, type BackendInfo } from '../protocol.ts';

export const ping = defineHandler((_payload: Record<string, never>, ctx): BackendInfo => ctx.backend);
