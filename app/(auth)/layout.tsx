import type { ReactNode } from 'react';
import { Store } from 'lucide-react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2.5">
        <span className="flex size-9 items-center justify-center rounded-lg bg-accent text-white">
          <Store aria-hidden className="size-5" />
        </span>
        <span className="text-lg font-semibold tracking-tight">Ecom Store Manager</span>
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
