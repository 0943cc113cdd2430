export interface AccountFormState {
  error?: string;
  success?: string;
  /** Shown beside a success: the seller account is also connected to another organization. */
  warning?: string;
  /** Per-field messages for the form's inputs. */
  fields?: Record<string, string>;
  /** What was typed (never a secret) so a failed submit keeps it. */
  values?: Record<string, string>;
}

export interface SyncNowState {
  ok: boolean;
  error?: string;
}
