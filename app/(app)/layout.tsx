import type { ReactNode } from 'react';
import { currentOrgContext } from '@/lib/auth/page-context';
import { Sidebar } from '@/components/shell/Sidebar';
import { NoOrganization } from '@/components/shell/NoOrganization';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { session, orgs, current } = await currentOrgContext();
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
        <div className="mx-auto max-w-7xl">{current ? children : <NoOrganization />}</div>
      </main>
    </div>
  );
}
