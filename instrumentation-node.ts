// Configuration is validated when the server starts, so a missing or malformed production
// variable stops the app with a message naming it, before any request is served.
import { config, ConfigError } from '@/lib/env';

try {
  config();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
