// The page: the training run (controls, live charts, rollout inspector, classroom explainer, evaluation) in tabs,
// and below them the WebGPU adapter with the matmul check (on a click, or with ?run=check).
import './style.css';
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import { pageState } from './state.ts';
import { renderAdapter, renderNoWebGpu } from './adapter-view.ts';
import { renderCheck, renderCheckError, renderProgress } from './check-view.ts';
import { runGpuCheck } from '../parity/gpu-check.ts';
import { watchLongTasks } from './long-tasks.ts';
import { setUpTabs } from './tabs.ts';
import { RunView } from './train/run-view.ts';

const byId = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};

function startRunView(): void {
  pageState.longTasks = [];
  watchLongTasks(pageState.longTasks);
  const stepMs = Number(new URLSearchParams(location.search).get('stepMs') ?? '') || undefined;
  const run = new RunView(
    {
      controls: byId('train-controls'),
      charts: byId('train-charts'),
      inspector: byId('inspector'),
      explainer: byId('explainer'),
      evaluation: byId('evaluation'),
    },
    stepMs,
  );
  pageState.run = run.state;
  pageState.runResults = () => run.results();
  pageState.evaluateHeldOut = (o) => run.evaluateHeldOut(o);
  pageState.evaluateCheckpoints = (r) => run.evaluateCheckpoints(r);
  setUpTabs(byId('tabs'), () => run.refreshViews());
  void run.restore();
}

function showBackend(fallback: boolean | undefined): void {
  const note = byId('backend-note');
  note.className = `note ${fallback === false ? 'ok' : 'warn'}`;
  note.textContent =
    fallback === false
      ? 'Training backend: webgpu (our WGSL kernels) on a real GPU.'
      : 'Training backend: wasm (onnxruntime-web). ' +
        (fallback ? 'This adapter is a CPU fallback (SwiftShader): ' : 'No WebGPU here: ') +
        'correct but slow. On a machine with a GPU use Chrome or Edge with hardware acceleration.';
}

async function start(): Promise<void> {
  startRunView();
  const adapterBody = byId('adapter-body');
  const checkBody = byId('check-body');
  const button = byId('run-check') as HTMLButtonElement;
  let gpu: Gpu;
  try {
    gpu = await acquireGpu();
  } catch (e) {
    pageState.status = 'no-webgpu';
    pageState.error = e instanceof Error ? e.message : String(e);
    renderNoWebGpu(adapterBody, pageState.error);
    showBackend(undefined);
    button.disabled = true;
    checkBody.replaceChildren();
    return;
  }
  pageState.adapter = gpu.report;
  pageState.status = 'ready';
  renderAdapter(adapterBody, gpu.report);
  showBackend(gpu.report.isFallback);

  pageState.runCheck = async () => {
    button.disabled = true;
    pageState.status = 'checking';
    renderProgress(checkBody, 0, 1);
    try {
      const result = await runGpuCheck(gpu.device, (done, total) => renderProgress(checkBody, done, total));
      pageState.check = result;
      pageState.status = 'checked';
      renderCheck(checkBody, result);
      return result;
    } catch (e) {
      pageState.status = 'check-failed';
      pageState.error = e instanceof Error ? e.message : String(e);
      renderCheckError(checkBody, pageState.error);
      return undefined;
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', () => void pageState.runCheck?.());
  button.disabled = false;
  if (new URLSearchParams(location.search).get('run') === 'check') void pageState.runCheck();
}

void start();
