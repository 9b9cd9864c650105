// What every handler and entity definition gets: the company state, the clock and who is calling.
import type { SandboxClock } from '../common/clock.js';
import type { NavState } from './state.js';

export interface NavContext {
  state: NavState;
  clock: SandboxClock;
  dialect: 'nav' | 'bc';
  user: string;
}
