'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { ORG_COOKIE } from '@/lib/orgs/context';
import { log } from '@/lib/log';

/** Posted by the shell's sign-out button. */
export async function signOutAction(): Promise<void> {
  const supabase = await createSupabaseServerClient();
  const { error } = await supabase.auth.signOut();
  // Even if the server call failed, the local session cookies are gone: carry on to sign-in.
  if (error) log.warn({ code: error.code, status: error.status }, 'sign-out: auth server refused');
  (await cookies()).delete(ORG_COOKIE);
  redirect('/sign-in');
}
