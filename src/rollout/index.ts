export { generate, type Completion, type GenerateOptions, type GenerateStats } from './generate.ts';
export { PolicySession, type PolicyOptions, type KvCache } from './policy.ts';
export { chooseBackend, loadOrt, type Backend, type BackendChoice } from './ort.ts';
export { ContextLengthError, fitPrompts, layoutPrompts, type PaddingSide } from './batch.ts';
export { sampleRow, validateSampling, type SamplingParams } from './sampling.ts';
