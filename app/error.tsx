'use client';

import { useEffect } from 'react';
import { AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/Button';

// Shown instead of a stack trace. The digest lets support find the server log entry.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // The message may carry details; the console is the user's own browser only.
    console.error(error);
  }, [error]);
  return (
    <main className="flex min-h-[70vh] items-center justify-center px-6">
      <div role="alert" className="max-w-md text-center">
        <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-danger-soft text-danger">
          <AlertTriangle aria-hidden className="size-6" />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="mt-2 text-sm text-ink-muted">
          The page could not be loaded. Try again; if it keeps happening, contact support
          {error.digest ? (
            <>
              {' '}
              and mention reference <code className="font-mono text-ink">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <Button className="mt-6" onClick={() => reset()}>
          Try again
        </Button>
      </div>
    </main>
  );
}
