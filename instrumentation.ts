// Runs once when a server instance starts (Node.js runtime only): see instrumentation-node.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { bootstrap } = await import('./instrumentation-node');
    await bootstrap();
  }
}
