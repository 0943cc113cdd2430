import { describe, expect, it, vi } from 'vitest';

const authStandIn = vi.fn();
vi.mock('@/lib/auth/stand-in', () => ({ authStandIn }));
vi.mock('@/lib/env', () => ({ config: () => ({ production: true, sandbox: false, supabaseUrl: 'https://abcd.supabase.co', supabaseAnonKey: 'k' }) }));

const route = await import('./route');

describe('the sandbox Auth mount with production configuration', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE'] as const)('%s answers 404 and never loads the stand-in or the database', async (method) => {
    const res = await route[method](new Request('http://localhost/auth/v1/token?grant_type=password', { method, body: method === 'GET' ? undefined : '{}' }));
    expect(res.status).toBe(404);
    expect(authStandIn).not.toHaveBeenCalled();
  });
});
