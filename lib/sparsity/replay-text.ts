// The activation trace that the neuron cache and the pipeline replay: our model over the first REPLAY_TOKENS tokens of
// held-out text. The build (site/data) and the page's worker profile the very same text, so both replay one trace.

/** The model whose neurons are replayed: 4 layers × 512 ReLU neurons. */
export const REPLAY_MODEL = 'target-v1';
/** Tokens of held-out text profiled. */
export const REPLAY_TOKENS = 1024;
/** Characters of text handed to the profiler: comfortably more than REPLAY_TOKENS tokens. */
export const REPLAY_CHARS = 20000;
