// Sandbox stand-in for Supabase Auth (GoTrue): see handler.ts.
export { createAuthHandler, type AuthHandlerOptions } from './handler';
export { AuthSandboxService } from './service';
export { createSandboxUser, type Registration, type SandboxUserOptions } from './sign-up';
export { GoTrueError } from './errors';
