// The LoRA widgets' shared state in the worker: their own copy of target-v1 (so merging an adapter never changes
// the model other widgets use), an AdapterSet holding the shipped adapters (r = 1, 2, 4, 8) and any the reader
// trains, and the State of the Union corpus. Everything loads once, from our own origin, through the Cache API.
import { loadModel } from '../../../lib/load.ts';
import { fetchWithCache, parseJsonFile } from '../../../lib/fetch-file.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { AdapterSet, type AdapterHeader } from '../../../lib/lora/index.ts';
import { VoiceClassifier } from '../../../lib/lora/voice.ts';
import { decodeVoiceCounts } from '../../../lib/lora/voice-file.ts';
import type { HandlerContext } from '../protocol.ts';
import { modelUrl } from '../models.ts';

export const BASE_MODEL = 'target-v1' as const;
export const SHIPPED = ['r1', 'r2', 'r4', 'r8'] as const;
const ADAPTER_DIR = 'models/lora-sotu-v1/';
const CORPUS = 'data/sotu-2009-2021.json';

export interface AdapterInfo {
  name: string;
  rank: number;
  alpha: number;
  targets: string[];
  parameters: number;
  /** Validation losses before and after training, from the file's card (shipped adapters only). */
  card?: Record<string, unknown>;
}

export interface LoraState {
  model: LanguageModel;
  set: AdapterSet;
  infos: Map<string, AdapterInfo>;
  /** Shipped adapters whose file failed to download or decode, with why: each costs only itself. */
  unavailable: Map<string, string>;
}

const siteUrl = (path: string) => `${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${path}`;
let state: Promise<LoraState> | null = null;
let corpus: Promise<{ train: string; validation: string }> | null = null;

export function infoOf(
  name: string,
  header: Pick<AdapterHeader, 'rank' | 'alpha' | 'targets' | 'card'>,
  parameters: number,
): AdapterInfo {
  return { name, rank: header.rank, alpha: header.alpha, targets: header.targets, parameters, card: header.card };
}

export function loraState(ctx: HandlerContext): Promise<LoraState> {
  if (!state) {
    state = (async () => {
      ctx.progress(ctx.text.loading(BASE_MODEL), 0);
      const model = await loadModel(modelUrl(BASE_MODEL), { name: BASE_MODEL });
      const s: LoraState = { model, set: new AdapterSet(model), infos: new Map(), unavailable: new Map() };
      for (const [i, name] of SHIPPED.entries()) {
        ctx.progress(ctx.text.loadingAdapter(name), (i + 1) / (SHIPPED.length + 1));
        await loadShipped(s, name);
      }
      return s;
    })();
    state.catch(() => {
      state = null;
    });
  }
  return state;
}

/** Loads shipped adapter `name` into `s`; a bad file is recorded in `s.unavailable` instead of failing the rest. */
async function loadShipped(s: LoraState, name: string): Promise<void> {
  try {
    // Stored in the Cache API only once it decodes for this base, so a bad download is fetched again next time.
    await fetchWithCache(
      siteUrl(`${ADAPTER_DIR}${name}.lora`),
      () => undefined,
      (data) => {
        const header = s.set.load(name, new Uint8Array(data));
        s.infos.set(name, infoOf(name, header, s.set.get(name).parameterCount));
      },
    );
    s.unavailable.delete(name);
  } catch (e) {
    s.unavailable.set(name, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Throws a clear error unless adapter `name` is loaded; a shipped adapter that failed before is tried once more
 * (the reader may have reconnected).
 */
export async function requireAdapter(s: LoraState, name: string): Promise<void> {
  if (s.unavailable.has(name)) await loadShipped(s, name);
  const why = s.unavailable.get(name);
  if (why) throw new Error(`Adapter ${name} could not be loaded (${why}); the other adapters still work.`);
  if (!s.infos.has(name))
    throw new Error(
      name === 'yours'
        ? 'You have not trained an adapter yet: train one with the training widget on this page, then stop it to keep it.'
        : `No adapter named "${name}"; loaded: ${[...s.infos.keys()].join(', ')}.`,
    );
}

export function sotuCorpus(): Promise<{ train: string; validation: string }> {
  if (!corpus) {
    let texts: { train: string; validation: string } | undefined;
    // Stored in the Cache API only once it parses, so a captive portal's page is not kept.
    corpus = fetchWithCache(
      siteUrl(CORPUS),
      () => undefined,
      (data) => {
        const json = parseJsonFile(data, CORPUS);
        if (typeof json?.train !== 'string' || typeof json?.validation !== 'string')
          throw new Error(`${CORPUS}: expected {train, validation} texts`);
        texts = { train: json.train, validation: json.validation };
      },
    ).then(() => texts!);
    corpus.catch(() => {
      corpus = null;
    });
  }
  return corpus;
}

const VOICE_COUNTS = 'data/voice-counts.bin';
let voice: Promise<VoiceClassifier> | null = null;

/** lib/lora/voice.ts's classifier, built from the two corpora's counts (scripts/voice-counts.ts), not their text. */
export function voiceClassifier(): Promise<VoiceClassifier> {
  if (!voice) {
    let clf: VoiceClassifier | undefined;
    // Decoded (and its checksum checked) before the Cache API keeps it, so a damaged download is fetched again.
    voice = fetchWithCache(
      siteUrl(VOICE_COUNTS),
      () => undefined,
      (data) => {
        clf = VoiceClassifier.fromCounts(decodeVoiceCounts(new Uint8Array(data)));
      },
    ).then(() => clf!);
    voice.catch(() => {
      voice = null;
    });
  }
  return voice;
}
