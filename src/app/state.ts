// The one AtomgymPageState object of this page, published on window.atomgym (the shape is src/api/page-state.ts).
import type { AtomgymPageState } from '../api/page-state.ts';

export type { AtomgymPageState };

export const pageState: AtomgymPageState = { status: 'loading' };
window.atomgym = pageState;
