import type { ReactNode } from 'react';
import { currentOrgContext } from '@/lib/auth/page-context';
import { Sidebar } from '@/components/shell/Sidebar';
import { NoOrganization } from '@/components/shell/NoOrganization';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { withUser } from '@/lib/db';
import { countNeedsReconnect } from '@/lib/accounts/queries';
import { hasRole } from '@/lib/orgs/roles';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { session, orgs, current } = await currentOrgContext();
  const needsReconnect = current ? await withUser(session.claims, (tx) => countNeedsReconnect(tx, current.id)) : 0;
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:shadow"
      >
        Skip to content
      </a>
      <Sidebar email={session.email} ctx={{ orgs, current }} />
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-7xl">
          {needsReconnect > 0 ? (
            <Alert tone="error" className="mb-6" title={`${needsReconnect === 1 ? 'A marketplace account needs' : `${needsReconnect} marketplace accounts need`} reconnecting`}>
              Syncing has stopped because the marketplace refused the stored credentials.{' '}
              {hasRole(current?.role, 'admin') ? <Link href="/accounts">Reconnect on the Accounts page</Link> : <>An owner or admin can reconnect it on the <Link href="/accounts">Accounts page</Link>.</>}
            </Alert>
          ) : null}
          {current ? children : <NoOrganization />}
        </div>
      </main>
    </div>
  );
}
