// What the hold server action answers; shared by the action and the control that shows it.
export interface HoldActionState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
}

export const HOLD_IDLE: HoldActionState = { status: 'idle' };

export { HOLD_REASON_MAX } from '@/lib/model';
