// How the shipped packs are built; their tests rebuild them with exactly these settings.
export const SHIPPED_REALCODE = { path: 'public/packs/realcode.jsonl', seed: 1, bugsPerPackage: 3 } as const;

/**
 * A second real-code pack from ten more npm modules (`realcode --module` with this list), added after every training
 * choice was made and used only to evaluate: code none of the policies or their settings were fitted to.
 */
export const HELDOUT_REALCODE = {
  path: 'public/packs/realcode-heldout.jsonl',
  seed: 1,
  bugsPerPackage: 3,
  modules: [
    'word-wrap',
    'js-levenshtein',
    'natural-compare',
    'semver-compare',
    'kind-of',
    'clamp',
    'parse-ms',
    'indent-string',
    'balanced-match',
    'abbrev',
  ],
} as const;
