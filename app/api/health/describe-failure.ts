// What the health check logs when the app is not ready.
/** The error's message without file paths, URLs or pids: enough to act on, nothing to map the host. */
export function describeFailure(e: unknown): { errorType: string; detail: string } {
  const err = e instanceof Error ? e : new Error(String(e));
  const detail = err.message
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/(^|[\s'"(=])(?:[A-Za-z]:)?[\\/][^\s'")]+/g, '$1<path>')
    .replace(/\bpid[\s:=]*\d+/gi, 'pid <n>')
    .slice(0, 500);
  return { errorType: err.name, detail };
}
