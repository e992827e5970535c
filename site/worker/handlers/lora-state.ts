// The LoRA widgets' shared state in the worker: their own copy of target-v1 (so merging an adapter never changes
// the model other widgets use), an AdapterSet holding the shipped adapters (r = 1, 2, 4, 8) and any the reader
// trains, and the State of the Union corpus. Everything loads once, from our own origin, through the Cache API.
import { loadModel } from '../../../lib/load.ts';
import { fetchWithCache } from '../../../lib/fetch-file.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { AdapterSet, type AdapterHeader } from '../../../lib/lora/index.ts';
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
      ctx.progress(`Loading ${BASE_MODEL}…`, 0);
      const model = await loadModel(modelUrl(BASE_MODEL), { name: BASE_MODEL });
      const set = new AdapterSet(model);
      const infos = new Map<string, AdapterInfo>();
      for (const [i, name] of SHIPPED.entries()) {
        ctx.progress(`Loading adapter ${name}.lora`, (i + 1) / (SHIPPED.length + 1));
        const { data } = await fetchWithCache(siteUrl(`${ADAPTER_DIR}${name}.lora`), () => undefined);
        const header = set.load(name, new Uint8Array(data));
        infos.set(name, infoOf(name, header, set.get(name).parameterCount));
      }
      return { model, set, infos };
    })();
    state.catch(() => {
      state = null;
    });
  }
  return state;
}

export function sotuCorpus(): Promise<{ train: string; validation: string }> {
  if (!corpus) {
    corpus = fetchWithCache(siteUrl(CORPUS), () => undefined).then(({ data }) => {
      const json = JSON.parse(new TextDecoder().decode(data));
      if (typeof json?.train !== 'string' || typeof json?.validation !== 'string')
        throw new Error(`${CORPUS}: expected {train, validation} texts`);
      return { train: json.train, validation: json.validation };
    });
    corpus.catch(() => {
      corpus = null;
    });
  }
  return corpus;
}
