// Public entry of src/sandbox: the contract types and the backends.
export * from './types.ts';
export { createQuickJsSandbox, QuickJsSandbox } from './quickjs/sandbox.ts';
