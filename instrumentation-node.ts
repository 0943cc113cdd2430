// The server's one bootstrap file. Configuration is validated when the server starts, so a missing
// or malformed production variable stops the app with a message naming it, before any request is
// served. On the embedded default it is also the one place that wires the sandbox into the app
// (the Auth stand-in and the demo seed); product code never imports sandbox/ itself.
import { config, ConfigError } from '@/lib/env';

export async function bootstrap(): Promise<void> {
  let sandbox = false;
  try {
    sandbox = config().sandbox;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (sandbox) {
    const { installSandbox } = await import('@/sandbox/demo/install');
    installSandbox();
  }
}
