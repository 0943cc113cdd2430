// What the hold server action answers; shared by the action and the control that shows it.
export interface HoldActionState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
}

export const HOLD_IDLE: HoldActionState = { status: 'idle' };

/** The longest hold reason (the database's check on orders.hold_reason says the same). */
export const HOLD_REASON_MAX = 500;
