export interface SettingsFormState {
  error?: string;
  success?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
  /** A just-created invitation's path, shown once to copy. */
  link?: string;
}
