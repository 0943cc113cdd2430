// IANA time zones: the organization's zone sets the reports' day boundaries. Pure (no database),
// so components, the command line and the domain share one list and one check.

let zones: readonly string[] | undefined;

/** Every IANA zone this runtime knows, with UTC first (Intl's list omits it on some versions). */
export function timeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

const ZONE_NAME = /^[A-Z][A-Za-z_]*(\/[A-Z][A-Za-z0-9_+-]*)+$/;

/** A listed zone, or a well-formed alias of one (Asia/Kolkata where the runtime lists Asia/Calcutta). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (timeZones().includes(value)) return true;
  if (!ZONE_NAME.test(value)) return false;
  try {
    return timeZones().includes(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = 'UTC';
