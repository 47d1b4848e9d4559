// The first page: shows the WebGPU adapter and runs the matmul check on a click (or with ?run=check).
import './style.css';
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import { pageState } from './state.ts';
import { renderAdapter, renderNoWebGpu } from './adapter-view.ts';
import { renderCheck, renderCheckError, renderProgress } from './check-view.ts';
import { runGpuCheck } from '../gpu/check.ts';

const byId = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};

async function start(): Promise<void> {
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
    button.disabled = true;
    checkBody.replaceChildren();
    return;
  }
  pageState.adapter = gpu.report;
  pageState.status = 'ready';
  renderAdapter(adapterBody, gpu.report);

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
