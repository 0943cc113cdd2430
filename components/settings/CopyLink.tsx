'use client';

import { useState, useSyncExternalStore } from 'react';
import { Copy } from 'lucide-react';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';

const noop = () => () => {};

/** A just-created invitation link, to copy and send (ESM sends no e-mail itself). */
export function CopyLink({ path }: { path: string }) {
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => '');
  const url = `${origin}${path}`;
  const [copied, setCopied] = useState(false);
  return (
    <span className="mt-2 flex flex-col gap-2 sm:flex-row">
      <label htmlFor="invitation-link" className="sr-only">
        Invitation link
      </label>
      <Input id="invitation-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 font-mono text-xs" />
      <Button
        variant="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          } catch {
            // No clipboard (insecure origin, denied): the field stays there to copy by hand.
            document.getElementById('invitation-link')?.focus();
          }
        }}
      >
        <Copy aria-hidden className="size-4" />
        {copied ? 'Copied' : 'Copy link'}
      </Button>
    </span>
  );
}
