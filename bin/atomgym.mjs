#!/usr/bin/env node
// The `atomgym` command: runs the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit once stdout has drained: a WebGPU device (Dawn in Node) keeps the event loop alive after a command ends.
process.stdout.write('', () => process.exit(code));
