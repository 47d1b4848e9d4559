// The emitters the shipped real-code pack uses besides bug fixing: one per atomic skill whose task format the
// real modules can fill (see emit-atomic.ts).
import type { RealEmitter } from './builder.ts';

export const REALCODE_EMITTERS: readonly RealEmitter[] = [];
