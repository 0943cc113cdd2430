import 'server-only';
// Supabase client for server components, server actions and route handlers: the session lives
// in cookies, read and refreshed through next/headers.
import { cookies } from 'next/headers';
import { isSessionCookie } from '@/lib/auth/session-read';
import { createSessionClient } from './session-client';

export async function createSupabaseServerClient() {
  const cookieStore = await cookies();
  return createSessionClient({
    getAll: () => cookieStore.getAll(),
    setAll: (toSet) => {
      try {
        for (const { name, value, options } of toSet) cookieStore.set(name, value, options);
      } catch {
        // Server components cannot set cookies; the proxy refreshes the session instead.
      }
    },
  });
}

/** Drops these `sb-*` session cookies (where cookies can be written: actions and route handlers). */
export async function clearSessionCookies(names: string[]): Promise<void> {
  const cookieStore = await cookies();
  try {
    for (const name of names) if (isSessionCookie(name)) cookieStore.delete(name);
  } catch {
    // A server component: the proxy has already cleared them for page requests.
  }
}
