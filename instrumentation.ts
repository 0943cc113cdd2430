// Runs once when a server instance starts: configuration is validated here so a missing or
// malformed production variable stops the app with a message naming it, before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config, ConfigError } = await import('@/lib/env');
  try {
    config();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
