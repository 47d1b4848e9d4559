// Train-only function families: more behaviours to learn the skills from, never held out. The core families
// (../index.ts) keep their split assignment and the held-out repos keep padding with core train families only,
// so the val and test tasks of every seed stay byte-identical whether or not training uses these.
// Parts a–b are the first wave, c–d the second; the order below is the order generators draw from.
import type { Family } from '../../family.ts';
import { EXTENDED_ARRAYS_A_FAMILIES } from './arrays-a.ts';
import { EXTENDED_ARRAYS_B_FAMILIES } from './arrays-b.ts';
import { EXTENDED_ARRAYS_C_FAMILIES } from './arrays-c.ts';
import { EXTENDED_ARRAYS_D_FAMILIES } from './arrays-d.ts';
import { EXTENDED_MATH_DATA_A_FAMILIES } from './math-data-a.ts';
import { EXTENDED_MATH_DATA_B_FAMILIES } from './math-data-b.ts';
import { EXTENDED_MATH_DATA_C_FAMILIES } from './math-data-c.ts';
import { EXTENDED_MATH_DATA_D_FAMILIES } from './math-data-d.ts';
import { EXTENDED_STRINGS_A_FAMILIES } from './strings-a.ts';
import { EXTENDED_STRINGS_B_FAMILIES } from './strings-b.ts';
import { EXTENDED_STRINGS_C_FAMILIES } from './strings-c.ts';
import { EXTENDED_STRINGS_D_FAMILIES } from './strings-d.ts';
import { EXTENDED_TEXT_FORMATS_A_FAMILIES } from './text-formats-a.ts';
import { EXTENDED_TEXT_FORMATS_B_FAMILIES } from './text-formats-b.ts';
import { EXTENDED_TEXT_FORMATS_C_FAMILIES } from './text-formats-c.ts';
import { EXTENDED_TEXT_FORMATS_D_FAMILIES } from './text-formats-d.ts';

export const EXTENDED_FAMILIES: readonly Family[] = [
  ...EXTENDED_STRINGS_A_FAMILIES,
  ...EXTENDED_STRINGS_B_FAMILIES,
  ...EXTENDED_ARRAYS_A_FAMILIES,
  ...EXTENDED_ARRAYS_B_FAMILIES,
  ...EXTENDED_MATH_DATA_A_FAMILIES,
  ...EXTENDED_MATH_DATA_B_FAMILIES,
  ...EXTENDED_TEXT_FORMATS_A_FAMILIES,
  ...EXTENDED_TEXT_FORMATS_B_FAMILIES,
  ...EXTENDED_STRINGS_C_FAMILIES,
  ...EXTENDED_STRINGS_D_FAMILIES,
  ...EXTENDED_ARRAYS_C_FAMILIES,
  ...EXTENDED_ARRAYS_D_FAMILIES,
  ...EXTENDED_MATH_DATA_C_FAMILIES,
  ...EXTENDED_MATH_DATA_D_FAMILIES,
  ...EXTENDED_TEXT_FORMATS_C_FAMILIES,
  ...EXTENDED_TEXT_FORMATS_D_FAMILIES,
];
