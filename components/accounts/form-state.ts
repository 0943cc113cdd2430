export interface AccountFormState {
  error?: string;
  success?: string;
  /** Per-field messages for the form's inputs. */
  fields?: Record<string, string>;
  /** What was typed (never a secret) so a failed submit keeps it. */
  values?: Record<string, string>;
}

export interface SyncNowState {
  ok: boolean;
  error?: string;
}
