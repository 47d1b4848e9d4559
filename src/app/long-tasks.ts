// Records the main thread's long tasks (PerformanceObserver 'longtask', > 50 ms) on window.atomgym.longTasks, so
// tests and users can check that training never freezes the page.
export function watchLongTasks(sink: Array<{ start: number; duration: number }>): void {
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) sink.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}
