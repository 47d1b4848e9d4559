// Which trainer `atomgym experiment` uses for its arms: the base arm is SFT from scratch on oracle demonstrations,
// every other arm GRPO (src/rl) from the base checkpoint, on the Trainer backend createTrainer picks. makeTrainArm
// takes the experiment's GRPO options and pool size; armInputs says what decides an arm's training (--reuse-arms).
export { grpoTrainArm as trainArm, makeGrpoTrainArm as makeTrainArm } from '../../rl/node/train-arm.ts';
export { grpoArmInputs as armInputs } from '../../rl/node/arm-inputs.ts';
