// How the shipped pack public/packs/realcode.jsonl is built; its test rebuilds it with exactly these settings.
export const SHIPPED_REALCODE = { path: 'public/packs/realcode.jsonl', seed: 1, bugsPerPackage: 3 } as const;
