'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BarChart3, History, Package, Plug, Settings, ShoppingCart, Tags } from 'lucide-react';
import { cn } from '@/components/ui/cn';

export const NAV_ITEMS = [
  { href: '/orders', label: 'Orders', icon: ShoppingCart },
  { href: '/listings', label: 'Listings', icon: Tags },
  { href: '/shipments', label: 'Shipments', icon: Package },
  { href: '/reports', label: 'Reports', icon: BarChart3 },
  { href: '/accounts', label: 'Accounts', icon: Plug },
  { href: '/settings', label: 'Settings', icon: Settings },
  { href: '/audit', label: 'Audit', icon: History },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors',
                'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
                active ? 'bg-accent-soft text-accent-strong' : 'text-ink-muted hover:bg-surface-muted hover:text-ink',
              )}
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
