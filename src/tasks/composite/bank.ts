// The whole function bank, and lookups by family/file.
import { BANK_A } from './bank-a.ts';
import { BANK_B } from './bank-b.ts';
import type { BankModule } from './bank-types.ts';

export const BANK: readonly BankModule[] = [...BANK_A, ...BANK_B];

export function bankModule(file: string): BankModule {
  const mod = BANK.find((m) => m.file === file);
  if (!mod) throw new Error(`composite bank: no module '${file}'`);
  return mod;
}

/** The module plus every module it imports, transitively, in dependency order. */
export function withDependencies(mod: BankModule): BankModule[] {
  const out: BankModule[] = [];
  const visit = (m: BankModule): void => {
    if (out.includes(m)) return;
    for (const dep of m.dependsOn ?? []) visit(bankModule(dep));
    out.push(m);
  };
  visit(mod);
  return out;
}
