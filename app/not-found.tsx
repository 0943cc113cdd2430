import Link from 'next/link';
import { FileQuestion } from 'lucide-react';
import { buttonClasses } from '@/components/ui';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-[70vh] items-center justify-center px-6">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-surface-muted text-ink-muted">
          <FileQuestion aria-hidden className="size-6" />
        </div>
        <p className="text-sm font-semibold text-accent">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-sm text-ink-muted">
          This page does not exist, or you do not have access to it. Check the address, or switch to the
          organization it belongs to.
        </p>
        <Link href="/orders" className={buttonClasses('primary', 'md', 'mt-6')}>
          Go to orders
        </Link>
      </div>
    </main>
  );
}
