// The emitters the shipped real-code pack uses besides bug fixing: the atomic skills.
import type { RealEmitter } from './builder.ts';
import { ATOMIC_EMITTERS } from './emit-atomic.ts';

export const REALCODE_EMITTERS: readonly RealEmitter[] = ATOMIC_EMITTERS;
