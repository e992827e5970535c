// Training, shared by the scripts and the browser worker: schedule, Adam, seeded batches, the loop.
export { learningRate, defaultWarmup, type Schedule } from './schedule.ts';
export { createAdam, setLearningRate, adamStateBytes, ADAM_BETAS } from './adam.ts';
export { BatchSampler, evenWindows, type Batch } from './batches.ts';
export { TrainingLoop, type TrainingLoopOptions, type StepResult } from './loop.ts';
export { PASTED_TEXT, splitPastedText } from './pasted-text.ts';
