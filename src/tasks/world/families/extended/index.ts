// Train-only function families: more behaviours to learn the skills from, never held out. The core families
// (../index.ts) keep their split assignment and the held-out repos keep padding with core train families only,
// so the val and test tasks of every seed stay byte-identical whether or not training uses these.
import type { Family } from '../../family.ts';
import { EXTENDED_ARRAY_FAMILIES } from './arrays.ts';
import { EXTENDED_ARRAY_2_FAMILIES } from './arrays-2.ts';
import { EXTENDED_MATH_DATA_FAMILIES } from './math-data.ts';
import { EXTENDED_MATH_DATA_2_FAMILIES } from './math-data-2.ts';
import { EXTENDED_STRING_FAMILIES } from './strings.ts';
import { EXTENDED_STRING_2_FAMILIES } from './strings-2.ts';
import { EXTENDED_TEXT_FORMAT_FAMILIES } from './text-formats.ts';
import { EXTENDED_TEXT_FORMAT_2_FAMILIES } from './text-formats-2.ts';

export const EXTENDED_FAMILIES: readonly Family[] = [
  ...EXTENDED_STRING_FAMILIES,
  ...EXTENDED_ARRAY_FAMILIES,
  ...EXTENDED_MATH_DATA_FAMILIES,
  ...EXTENDED_TEXT_FORMAT_FAMILIES,
  ...EXTENDED_STRING_2_FAMILIES,
  ...EXTENDED_ARRAY_2_FAMILIES,
  ...EXTENDED_MATH_DATA_2_FAMILIES,
  ...EXTENDED_TEXT_FORMAT_2_FAMILIES,
];
