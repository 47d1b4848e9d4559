// The run's controls: where steps come from (the GRPO loop, or a saved log to replay), the model, the mode with its
// per-skill mix, and the GRPO knobs under TRL's names. readOptions() returns GrpoOptions or throws naming the field.
import type { GrpoOptions, RlMode } from '../../rl/types.ts';
import { ATOMIC_SKILLS } from '../../tasks/types.ts';
import { h } from '../adapter-view.ts';
import type { PolicyOrigin } from '../../worker/grpo-driver.ts';
import { describeModelFolder, describeModelZip } from './model-folder.ts';

const MODES: RlMode[] = ['joint', ...ATOMIC_SKILLS.map((s) => `single:${s}` as const), 'composite', 'sft'];

export function field(label: string, input: HTMLElement, hint = ''): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', { class: 'muted' }, hint) : '');
}

/** The numeric knobs a URL parameter may set (TRL names, plus the task pool). */
const KNOBS = [
  'prompts_per_step',
  'num_generations',
  'temperature',
  'max_completion_length',
  'learning_rate',
  'beta',
  'max_steps',
  'seed',
  'save_steps',
  'pool',
] as const;

const num = (id: string, value: string, step = 'any') => h('input', { id, type: 'number', value, step });

export class OptionsForm {
  readonly el: HTMLElement;
  private readonly inputs: Record<string, HTMLInputElement> = {};
  private readonly mode = h('select', { id: 'opt-mode' }, ...MODES.map((m) => h('option', { value: m }, m)));
  private readonly driver = h(
    'select',
    { id: 'opt-driver' },
    h('option', { value: 'grpo' }, 'train with GRPO (in this tab)'),
    h('option', { value: 'replay' }, 'replay a saved run (StepRecord JSONL)'),
  );
  private readonly logFile = h('input', { id: 'opt-log', type: 'file', accept: '.jsonl,.json,application/json' });
  private readonly model = h(
    'select',
    { id: 'opt-model' },
    h('option', { value: 'base' }, 'shipped base policy'),
    h('option', { value: 'folder' }, 'local Hugging Face folder…'),
    h('option', { value: 'zip' }, 'Hugging Face model .zip…'),
  );
  private readonly folder = h('input', { id: 'opt-model-folder', type: 'file', hidden: '' });
  private readonly zip = h('input', { id: 'opt-model-zip', type: 'file', accept: '.zip,application/zip', hidden: '' });
  private readonly modelNote = h('small', { id: 'model-note', class: 'muted' });
  private readonly mix = h('div', { class: 'mix', id: 'opt-mix' });
  private readonly logField = field('saved run', this.logFile, 'a StepRecord log (.jsonl) to replay');
  private readonly modelField = field('model', this.model);
  replayText: { name: string; text: string } | undefined;
  /** A policy URL prefix from the `model` URL parameter (config.json, model.safetensors, tokenizer.json under it). */
  private modelUrl: string | undefined;

  constructor() {
    this.folder.setAttribute('webkitdirectory', '');
    for (const [key, value, step] of [
      ['prompts_per_step', '5', '1'],
      ['num_generations', '4', '1'],
      ['temperature', '1'],
      ['max_completion_length', '96', '1'],
      ['learning_rate', '1e-4'],
      ['beta', '0'],
      ['max_steps', '50', '1'],
      ['seed', '0', '1'],
      ['save_steps', '5', '1'],
      ['pool', '16', '1'],
    ] as const)
      this.inputs[key] = num(`opt-${key}`, value, step);
    for (const s of ATOMIC_SKILLS) {
      this.inputs[`mix:${s}`] = num(`opt-mix-${s}`, '1');
      this.mix.append(field(s, this.inputs[`mix:${s}`]));
    }
    this.logFile.addEventListener('change', async () => {
      const f = this.logFile.files?.[0];
      this.replayText = f ? { name: f.name, text: await f.text() } : undefined;
    });
    this.model.addEventListener('change', () => {
      this.folder.hidden = this.model.value !== 'folder';
      this.zip.hidden = this.model.value !== 'zip';
      if (this.model.value === 'folder') this.folder.click();
      if (this.model.value === 'zip') this.zip.click();
    });
    this.folder.addEventListener('change', async () => {
      this.modelNote.textContent = await describeModelFolder([...(this.folder.files ?? [])]);
    });
    this.zip.addEventListener('change', async () => {
      const f = this.zip.files?.[0];
      this.modelNote.textContent = f ? await describeModelZip(f) : '';
    });
    this.mode.addEventListener('change', () => (this.mix.hidden = this.mode.value !== 'joint'));
    this.driver.addEventListener('change', () => this.showDriverFields());
    this.showDriverFields();
    this.el = h(
      'form',
      { id: 'train-form', class: 'controls' },
      field('steps from', this.driver),
      this.logField,
      this.modelField,
      this.folder,
      this.zip,
      this.modelNote,
      field('mode', this.mode),
      h('fieldset', {}, h('legend', {}, 'skill mix (joint)'), this.mix),
      field('prompts_per_step', this.inputs.prompts_per_step, 'tasks drawn per step'),
      field('num_generations', this.inputs.num_generations, 'answers sampled per task (the group)'),
      field('temperature', this.inputs.temperature),
      field('max_completion_length', this.inputs.max_completion_length, 'tokens per answer'),
      field('learning_rate', this.inputs.learning_rate),
      field('beta (KL)', this.inputs.beta, '0: no reference model'),
      field('max_steps', this.inputs.max_steps),
      field('seed', this.inputs.seed),
      field('save_steps', this.inputs.save_steps, "checkpoint to this tab's storage every N steps"),
      field('task pool', this.inputs.pool, 'train tasks generated per skill'),
    );
    this.el.addEventListener('submit', (e) => e.preventDefault());
  }

  readOptions(): GrpoOptions {
    const n = (key: string, min: number, integer = false): number => {
      const v = Number(this.inputs[key].value);
      if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
        const kind = integer ? 'an integer' : 'a number';
        throw new Error(`${key.replace('mix:', 'skill mix ')}: expected ${kind} >= ${min}`);
      }
      return v;
    };
    const mode = this.mode.value as RlMode;
    return {
      mode,
      skill_mix: mode === 'joint' ? Object.fromEntries(ATOMIC_SKILLS.map((s) => [s, n(`mix:${s}`, 0)])) : undefined,
      prompts_per_step: n('prompts_per_step', 1, true),
      num_generations: n('num_generations', 2, true),
      temperature: n('temperature', 0.01),
      max_completion_length: n('max_completion_length', 1, true),
      learning_rate: n('learning_rate', 0),
      beta: n('beta', 0),
      epsilon: 0.2,
      loss_type: 'dapo',
      scale_rewards: 'group',
      mask_truncated_completions: false,
      num_iterations: 1,
      // The same update in fewer trainer rows where the trainer takes packed rows (wasm: a laptop without a GPU).
      pack_groups: 'auto',
      max_steps: n('max_steps', 1, true),
      seed: n('seed', 0, true),
      save_steps: n('save_steps', 1, true),
    };
  }

  /** A replay needs its log; GRPO needs a model. */
  private showDriverFields(): void {
    const replay = this.driver.value === 'replay';
    this.logField.hidden = !replay;
    this.modelField.hidden = replay;
    this.folder.hidden = replay || this.model.value !== 'folder';
    this.zip.hidden = replay || this.model.value !== 'zip';
  }

  /** 'grpo' trains in the tab; 'replay' re-emits a saved log. */
  driverKind(): 'grpo' | 'replay' {
    return this.driver.value === 'replay' ? 'replay' : 'grpo';
  }

  /** Train tasks generated per skill for a GRPO run. */
  poolPerKind(): number {
    const v = Number(this.inputs.pool.value);
    if (!Number.isInteger(v) || v < 1) throw new Error('task pool: expected an integer >= 1');
    return v;
  }

  /** The policy a GRPO run starts from: the shipped base (by URL) or the picked folder's files. */
  policyOrigin(baseUrl: string): PolicyOrigin {
    if (this.modelUrl) return { url: new URL(this.modelUrl, location.href).href };
    if (this.model.value === 'zip') {
      const zip = this.zip.files?.[0];
      if (!zip) throw new Error('model: pick a .zip of a Hugging Face model folder');
      return { zip, name: zip.name };
    }
    if (this.model.value !== 'folder') return { url: baseUrl };
    const files = [...(this.folder.files ?? [])];
    if (files.length === 0) throw new Error('model: pick a local Hugging Face folder (config.json, model.safetensors)');
    const name = files[0].webkitRelativePath.split('/')[0] || 'local folder';
    return { files, name };
  }

  /**
   * URL parameters set the controls and can start a run without clicks (for `atomgym train`, the demo and links):
   * any knob by its TRL name (mode, prompts_per_step, num_generations, temperature, max_completion_length,
   * learning_rate, beta, max_steps, seed, save_steps), `pool` the task pool per skill, `model` a policy URL prefix,
   * `source=<url>` a saved StepRecord log to replay (without it a run trains with GRPO). Returns whether `start=1`
   * asks to start.
   */
  async applyUrl(params: URLSearchParams): Promise<boolean> {
    const mode = params.get('mode');
    if (mode !== null) {
      if (!MODES.includes(mode as RlMode)) {
        throw new Error(`URL parameter mode=${mode}: expected one of ${MODES.join(', ')}`);
      }
      this.mode.value = mode;
      this.mix.hidden = mode !== 'joint';
    }
    for (const key of KNOBS) {
      const v = params.get(key);
      if (v !== null) this.inputs[key].value = v;
    }
    this.modelUrl = params.get('model') ?? undefined;
    const source = params.get('source');
    if (source !== null) {
      this.driver.value = 'replay';
      this.showDriverFields();
    }
    if (source !== null) {
      const res = await fetch(source);
      if (!res.ok) throw new Error(`URL parameter source=${source}: HTTP ${res.status} (expected a StepRecord log)`);
      this.replayText = { name: source.split('/').pop() || source, text: await res.text() };
    }
    return params.get('start') === '1';
  }

  /** Shows a stored run's options (after a reload). */
  show(o: GrpoOptions, kind: 'grpo' | 'replay'): void {
    this.driver.value = kind;
    this.showDriverFields();
    this.mode.value = o.mode;
    for (const key of KNOBS) {
      if (key !== 'pool' && o[key] !== undefined) this.inputs[key].value = String(o[key]);
    }
    for (const [s, w] of Object.entries(o.skill_mix ?? {})) {
      if (this.inputs[`mix:${s}`]) this.inputs[`mix:${s}`].value = String(w);
    }
    this.mix.hidden = o.mode !== 'joint';
  }
}
