// veRL's dataset file: rows as parquet with nested columns laid out the way pyarrow writes them (so `datasets` /
// pandas read them as veRL expects): prompt is list<struct<role, content>> (three-level LIST), reward_model and
// extra_info are structs. Written by hyparquet-writer with an explicit schema; read back with hyparquet in tests.
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { VerlRow } from './rows.ts';

const str = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
});
const int64 = (name: string): SchemaElement => ({ name, type: 'INT64', repetition_type: 'OPTIONAL' });

/** The schema in parquet's flattened pre-order form (each group says how many children follow). */
export const VERL_SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 5 },
  str('data_source'),
  { name: 'prompt', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  str('role'),
  str('content'),
  str('ability'),
  { name: 'reward_model', repetition_type: 'OPTIONAL', num_children: 2 },
  str('style'),
  str('ground_truth'),
  { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 5 },
  str('split'),
  int64('index'),
  str('task_id'),
  str('skill'),
  int64('level'),
];

export function verlParquet(rows: readonly VerlRow[]): Uint8Array {
  if (rows.length === 0) throw new Error('verlParquet: no rows to write');
  const col = <K extends keyof VerlRow>(name: K) => ({ name, data: rows.map((r) => r[name]) });
  const extra = rows.map((r) => ({
    ...r.extra_info,
    index: BigInt(r.extra_info.index),
    level: BigInt(r.extra_info.level),
  }));
  const buf = parquetWriteBuffer({
    columnData: [
      col('data_source'),
      col('prompt'),
      col('ability'),
      col('reward_model'),
      { name: 'extra_info', data: extra },
    ],
    schema: VERL_SCHEMA,
    createdBy: 'atomgym export',
  });
  return new Uint8Array(buf);
}
