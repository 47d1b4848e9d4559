// Which trainer `atomgym experiment` uses for its arms: the one line to change when the GRPO loop (src/rl) is wired.
// Until then every arm trains with the float64 reference SFT on oracle answers of its own task mix — real
// training, but supervised, not RL, and only fast enough for tiny models; reports name it.
export { referenceSftArm as trainArm } from './reference-sft.ts';
