// Real-code pack inputs and intermediate records.
import type { Mutation } from '../mutate/index.ts';
import type { RealPackage } from './packages.ts';
import type { Outcome } from './probe.ts';

/** One real module as read from node_modules (the builder never reads the file system itself). */
export interface RealSource {
  pkg: RealPackage;
  version: string;
  /** SPDX id from the package's package.json. */
  license: string;
  source: string;
  readme: string;
}

export interface RealCase {
  call: string;
  outcome: Outcome;
  /** From the README (documented behaviour) rather than generated. */
  documented: boolean;
}

/** A module with its ground-truth behaviour on every case. */
export interface ProbedModule {
  real: RealSource;
  /** Path of the module inside a task repo. */
  path: string;
  /** Import line for a test at test/<name>.test.js. */
  testImport: string;
  cases: RealCase[];
}

/** An observable injected bug: at least one case changes its outcome on the mutant. */
export interface RealBug {
  module: ProbedModule;
  mutation: Mutation;
  buggySource: string;
  /** Outcomes on the mutant, same order as module.cases. */
  outcomes: Outcome[];
  /** Indices of the cases that catch the bug. */
  killed: number[];
}
