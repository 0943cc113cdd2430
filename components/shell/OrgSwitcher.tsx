'use client';

import { useRef } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { Building2 } from 'lucide-react';
import { Select } from '@/components/ui/Select';
import { switchOrgAction } from './actions';

export interface SwitcherOrg {
  id: string;
  name: string;
}

export function OrgSwitcher({ orgs, currentId }: { orgs: SwitcherOrg[]; currentId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const path = search ? `${pathname}?${search}` : pathname;
  if (orgs.length <= 1) {
    return (
      <div className="flex items-center gap-2 rounded-md border border-line bg-white px-2.5 py-2 text-sm font-medium" data-testid="org-name">
        <Building2 aria-hidden className="size-4 shrink-0 text-ink-muted" />
        <span className="truncate" title={orgs[0]?.name}>
          {orgs[0]?.name}
        </span>
      </div>
    );
  }
  return (
    <form ref={formRef} action={switchOrgAction} className="space-y-1.5">
      <input type="hidden" name="path" value={path} />
      <label htmlFor="org-switcher" className="sr-only">
        Organization
      </label>
      <Select
        id="org-switcher"
        name="orgId"
        defaultValue={currentId}
        key={currentId}
        onChange={() => formRef.current?.requestSubmit()}
        className="font-medium"
      >
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
      <noscript>
        <button type="submit" className="text-xs font-medium text-accent underline">
          Switch organization
        </button>
      </noscript>
    </form>
  );
}
