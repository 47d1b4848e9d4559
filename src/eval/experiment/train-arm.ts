// Which trainer `atomgym experiment` uses for its arms: the base arm is SFT from scratch on oracle demonstrations,
// every other arm GRPO (src/rl) from the base checkpoint, on the Trainer backend createTrainer picks.
export { grpoTrainArm as trainArm } from '../../rl/node/train-arm.ts';
