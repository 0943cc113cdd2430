import { Suspense } from 'react';
import type { OrgContext } from '@/lib/orgs/context';
import { Brand } from './Brand';
import { CollapsibleMenu } from './CollapsibleMenu';
import { NavLinks } from './NavLinks';
import { OrgSwitcher } from './OrgSwitcher';
import { UserPanel } from './UserPanel';

export function Sidebar({ email, ctx }: { email: string; ctx: OrgContext }) {
  const { orgs, current } = ctx;
  return (
    // The aside stretches with the page (border and background run full height); its content sticks.
    <aside className="shrink-0 border-b border-line bg-white md:w-60 md:border-r md:border-b-0">
      <div className="flex flex-col gap-5 px-3 py-3 md:sticky md:top-0 md:h-screen md:overflow-y-auto md:py-4">
        <CollapsibleMenu brand={<Brand />}>
          {current ? (
            // useSearchParams() in the switcher needs a Suspense boundary.
            <Suspense fallback={<div className="h-9 rounded-md border border-line" />}>
              <OrgSwitcher orgs={orgs.map(({ id, name }) => ({ id, name }))} currentId={current.id} />
            </Suspense>
          ) : null}
          <nav aria-label="Main" className="flex-1">
            {current ? <NavLinks /> : null}
          </nav>
          <UserPanel email={email} role={current?.role ?? null} />
        </CollapsibleMenu>
      </div>
    </aside>
  );
}
