export interface SettingsFormState {
  error?: string;
  success?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}
