'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { ORG_COOKIE } from '@/lib/orgs/context';
import { runAction } from '@/lib/actions';
import { log } from '@/lib/log';

/** Posted by the shell's sign-out button. */
export async function signOutAction(): Promise<void> {
  // No input and no session needed: signing out of an expired session still clears the cookies.
  await runAction(
    {
      name: 'auth.sign-out',
      schema: z.undefined(),
      anonymous: true,
      run: async () => {
        const supabase = await createSupabaseServerClient();
        const { error } = await supabase.auth.signOut();
        // Even if the server call failed, the local session cookies are gone: carry on to sign-in.
        if (error) log.warn({ code: error.code, status: error.status }, 'sign-out: auth server refused');
      },
    },
    undefined,
  );
  (await cookies()).delete(ORG_COOKIE);
  redirect('/sign-in');
}
