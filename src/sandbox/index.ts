// Public entry of src/sandbox: the contract types and the backends.
export * from './types.ts';
export { createQuickJsSandbox, QuickJsSandbox } from './quickjs/sandbox.ts';
export { createSandbox, DEFAULT_BOOT_TIMEOUT_MS, type CreatedSandbox, type CreateSandboxOptions } from './create.ts';
export {
  WebContainerSandbox,
  bootWebContainer,
  BootTimeoutError,
  webContainerUnsupportedReason,
} from './webcontainer/backend.ts';
export { toMountTree, MountTreeError } from './webcontainer/mount.ts';
export { parseRunnerOutput } from './webcontainer/parse.ts';
export { nodeRunFiles, nodeRunnerScript, RESULT_MARK, RUNNER_SCRIPT_NAME } from './webcontainer/runner-script.ts';
export { SandboxPool } from './pool.ts';
