// Can the policy repeat a line of fresh names it has never seen (plain induction)?
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../src/eval/ort-policy.ts';
const ck = (await readCheckpoint(directoryReader(process.argv[2]), { requireTokenizer: true })).checkpoint;
const pol = await OrtPolicy.create(ck, { name: 'p' });
const lines = [
  'kogaSi lusu bame nivoPe',
  'const tarvo = mepiLa(gusk, 3);',
  'expect(dorbu(7)).toEqual(zefa);',
  'import { vunaKo } from "../src/pelt.js";',
];
const prompts = lines.map((l) => `Repeat this line exactly:\n${l}`);
const ans = await pol.answer(prompts, { k: 1, temperature: 0, maxNewTokens: 30, seed: 0 });
lines.forEach((l, i) => console.log(JSON.stringify(l), '->', JSON.stringify(ans[i][0])));
process.exit(0);
