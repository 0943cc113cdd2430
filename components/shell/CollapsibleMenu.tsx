'use client';
// The navigation on a phone: the brand and a Menu button; the switcher, links and user panel open
// below it. From the md breakpoint up they are always shown (the sidebar). The menu closes by
// itself on navigation: it is open only for the page it was opened on.
import { useState, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { Menu, X } from 'lucide-react';
import { cn } from '@/components/ui/cn';

export function CollapsibleMenu({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <div className="flex items-center justify-between gap-3">
        {brand}
        <button
          type="button"
          className="inline-flex items-center gap-1.5 rounded-md border border-line px-2.5 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent md:hidden"
          aria-expanded={open}
          aria-controls="app-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          {open ? <X aria-hidden className="size-4" /> : <Menu aria-hidden className="size-4" />}
          Menu
        </button>
      </div>
      <div id="app-menu" className={cn('flex-1 flex-col gap-5 md:flex', open ? 'flex' : 'hidden')}>
        {children}
      </div>
    </>
  );
}
