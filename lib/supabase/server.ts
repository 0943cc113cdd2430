import 'server-only';
// Supabase client for server components, server actions and route handlers: the session lives
// in cookies, read and refreshed through next/headers.
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import { config } from '@/lib/env';

export async function createSupabaseServerClient() {
  const cookieStore = await cookies();
  const cfg = config();
  return createServerClient(cfg.supabaseUrl, cfg.supabaseAnonKey, {
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll: (toSet) => {
        try {
          for (const { name, value, options } of toSet) cookieStore.set(name, value, options);
        } catch {
          // Server components cannot set cookies; the proxy refreshes the session instead.
        }
      },
    },
  });
}
