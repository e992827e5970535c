// The site's models, by folder name in public/models/. A module of its own with no imports, so pages and build-time
// code can name the models without bundling the loader (and TensorFlow.js) that site/worker/models.ts brings.
export const MODEL_NAMES = ['target-v1', 'draft-v1'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
