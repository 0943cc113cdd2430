'use client';

import { useEffect, useState } from 'react';
import { X } from 'lucide-react';
import { Alert, type AlertTone } from '@/components/ui/Alert';

/** The seller account just connected is also connected to another organization (never named). */
export function SharedSellerAlert({ children }: { children: string }) {
  return (
    <Alert tone="info" title="Also connected to another organization">
      {children}
    </Alert>
  );
}

/**
 * The result of an OAuth round trip, shown once: the codes are dropped from the address bar so
 * a reload or a later refresh does not announce it again.
 */
export function OutcomeAlert({ tone, warning, children }: { tone: AlertTone; warning?: string; children: string }) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    window.history.replaceState(null, '', '/accounts');
  }, []);
  if (!open) return null;
  return (
    <div className="space-y-3">
      <div className="relative">
        <Alert tone={tone} className="pr-10">
          {children}
        </Alert>
        <button
          type="button"
          onClick={() => setOpen(false)}
          aria-label="Dismiss"
          className="absolute top-2.5 right-2.5 rounded p-1 text-ink-muted hover:bg-black/5 hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      {warning ? <SharedSellerAlert>{warning}</SharedSellerAlert> : null}
    </div>
  );
}
