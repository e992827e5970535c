// Several adapters for one base model, switched by name, each either unmerged (the base weights untouched, the
// adapter's additions computed beside them on every forward) or merged into the weights (no extra work per token).
// Merging adds ΔW into the weights (the paper's deployment, §4.1). Switching away from a merged adapter restores the
// adapted layers from a copy taken before merging, rather than subtracting ΔW (which is exact only to within float
// rounding; see merge.ts), so any number of switches leaves the base bit for bit as it was.
import type { LanguageModel } from '../model.ts';
import type { BaseModelId } from './adapter.ts';
import type { LoraAdapter } from './adapter.ts';
import { weightsFingerprint } from '../fingerprint.ts';
import { loadAdapter, type AdapterHeader } from './file.ts';
import { mergeAdapter } from './merge.ts';

/** The identity of a model as it is now (call it on the unmodified base). */
export function baseModelId(model: LanguageModel): BaseModelId {
  return {
    name: model.name,
    config: model.config,
    fingerprint: weightsFingerprint(model.config, model.exportWeights()),
  };
}

export class AdapterSet {
  readonly model: LanguageModel;
  readonly base: BaseModelId;
  private readonly adapters = new Map<string, LoraAdapter>();
  private current: { name: string; merged: boolean } | null = null;
  /** The adapted layers' weights as they were before the current merge, by layer name. */
  private saved = new Map<string, Float32Array>();

  /** `model` must be the base as loaded (no adapter merged or attached). */
  constructor(model: LanguageModel) {
    if (model.linearAdd) throw new Error('AdapterSet: the model already has an adapter attached');
    this.model = model;
    this.base = baseModelId(model);
  }

  get names(): string[] {
    return [...this.adapters.keys()];
  }
  get active(): { name: string; merged: boolean } | null {
    return this.current && { ...this.current };
  }

  get(name: string): LoraAdapter {
    const a = this.adapters.get(name);
    if (!a) throw new Error(`no adapter named "${name}"; loaded: ${this.names.join(', ') || 'none'}`);
    return a;
  }

  /** Adds an adapter under `name` (replacing and disposing one of the same name, after switching it off). */
  add(name: string, adapter: LoraAdapter): void {
    if (adapter.base.fingerprint !== this.base.fingerprint)
      throw new Error(
        `adapter "${name}" was made for ${adapter.base.name} (${adapter.base.fingerprint}), not ${this.base.name} (${this.base.fingerprint})`,
      );
    if (this.adapters.has(name)) this.remove(name);
    this.adapters.set(name, adapter);
  }

  /** Decodes an adapter file, checks it belongs to this base, and adds it. */
  load(name: string, buffer: ArrayBuffer | Uint8Array): AdapterHeader {
    const { adapter, header } = loadAdapter(buffer, this.base, name);
    this.add(name, adapter);
    return header;
  }

  remove(name: string): void {
    const a = this.get(name);
    if (this.current?.name === name) this.use(null);
    a.dispose();
    this.adapters.delete(name);
  }

  /** Makes `name` the active adapter (null: the bare base), merged into the weights or not. */
  use(name: string | null, { merged = false } = {}): void {
    const next = name === null ? null : this.get(name);
    if (this.current && this.current.name === name && this.current.merged === merged) return;
    if (this.current) {
      if (this.current.merged) {
        for (const [layer, w] of this.saved) this.model.setLinear(layer, w);
        this.saved.clear();
      }
      this.model.linearAdd = null;
      this.current = null;
    }
    if (!next || name === null) return;
    if (merged) {
      for (const t of next.targets)
        if (!this.saved.has(t.layer)) this.saved.set(t.layer, this.model.getLinear(t.layer).weight.slice());
      mergeAdapter(this.model, next);
    } else this.model.linearAdd = next.linearAdd();
    this.current = { name, merged };
  }

  dispose(): void {
    this.use(null);
    for (const a of this.adapters.values()) a.dispose();
    this.adapters.clear();
  }
}
