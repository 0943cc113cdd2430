// What a sign-in/sign-up action hands back to its form: messages to show and the values to keep
// (never the password).
export interface AuthFormState {
  error?: string;
  /** The email is already registered: the form offers a sign-in link. */
  accountExists?: boolean;
  info?: string;
  fields?: Partial<Record<'email' | 'password' | 'organization', string>>;
  values: { email: string; organization?: string };
}
