// The models the site ships, by folder name. Kept apart from models.ts (which loads them with TensorFlow.js) so a
// page can name them without pulling tfjs into its main thread: /model/'s playground lists them from here.
export const MODEL_NAMES = ['target-v1', 'draft-v1'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
