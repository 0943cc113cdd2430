import Link from 'next/link';
import { Store } from 'lucide-react';

export function Brand() {
  return (
    <Link href="/orders" className="flex items-center gap-2 rounded-md px-1 focus-visible:outline-2 focus-visible:outline-accent">
      <span className="flex size-8 items-center justify-center rounded-lg bg-accent text-white">
        <Store aria-hidden className="size-4" />
      </span>
      <span className="text-sm font-semibold tracking-tight">Ecom Store Manager</span>
    </Link>
  );
}
