// Runs in a worker thread: one sandbox (createSandbox: QuickJS, memory- and time-capped) and the skill registry's
// reward(), answering score jobs one at a time. The pool's watchdog terminates this thread if a job overruns.
import { parentPort } from 'node:worker_threads';
import { createSandbox } from '../sandbox/index.ts';
import { SKILLS } from '../tasks/registry.ts';
import type { ScoreJob, WorkerMessage } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('reward-worker.ts must run in a worker thread');
const reply = (m: WorkerMessage): void => port.postMessage(m);
const sandbox = await createSandbox();

port.on('message', (job: ScoreJob) => {
  const skill = SKILLS[job.task.skill];
  if (!skill)
    return reply({
      id: job.id,
      result: { reward: 0, partial: 0, status: 'no-skill', detail: `no skill module for ${job.task.skill}` },
    });
  skill.reward(job.task, job.answer, sandbox).then(
    (result) => reply({ id: job.id, result }),
    (e: unknown) => reply({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
reply({ ready: true });
