// The GPU engine for pages, workers and Node alike (src/gpu/node.ts, Node-only, is imported directly).
export * from './device.ts';
export * from './errors.ts';
export * from './buffers.ts';
export * from './bindings.ts';
export * from './kernel.ts';
export * from './dispatch.ts';
export * from './shaders.ts';
