export * from './device.ts';
export * from './errors.ts';
export * from './buffers.ts';
export * from './kernel.ts';
export * from './shaders.ts';
