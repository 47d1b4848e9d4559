// Tabs over the page's panels (Train, Inspector, Explainer, Evaluation): buttons with data-tab, panels #tab-<name>.
export function setUpTabs(nav: HTMLElement, onShow: (name: string) => void): void {
  const buttons = [...nav.querySelectorAll<HTMLButtonElement>('button[data-tab]')];
  const show = (name: string) => {
    for (const b of buttons) {
      const on = b.dataset.tab === name;
      b.setAttribute('aria-selected', String(on));
      const panel = document.getElementById(`tab-${b.dataset.tab}`);
      if (panel) panel.hidden = !on;
    }
    onShow(name);
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab!));
  show(new URLSearchParams(location.search).get('tab') ?? buttons[0].dataset.tab!);
}
