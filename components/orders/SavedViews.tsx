'use client';
// A person's saved views of the orders list: one click back to a named filter; the current view
// can be saved under a name (the same name replaces it).
import { useActionState } from 'react';
import Link from 'next/link';
import { Bookmark, X } from 'lucide-react';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { cn } from '@/components/ui/cn';
import { deleteViewAction, saveViewAction, type ViewState } from '@/app/(app)/orders/actions';

interface View {
  id: string;
  name: string;
  query: string;
}

function Remove({ orgId, view }: { orgId: string; view: View }) {
  const [, action, pending] = useActionState<ViewState, FormData>(deleteViewAction, { status: 'idle' });
  return (
    <form action={action}>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={view.id} />
      <button type="submit" disabled={pending} aria-label={`Delete view ${view.name}`} className="rounded p-0.5 text-ink-faint hover:text-danger">
        <X aria-hidden className="size-3" />
      </button>
    </form>
  );
}

export function SavedViews({ orgId, views, current }: { orgId: string; views: View[]; current: string }) {
  const [state, action, pending] = useActionState<ViewState, FormData>(saveViewAction, { status: 'idle' });
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label="Saved views">
      <Bookmark aria-hidden className="size-4 text-ink-faint" />
      {views.length === 0 ? <span className="text-xs text-ink-muted">No saved views yet.</span> : null}
      {views.map((v) => (
        <span
          key={v.id}
          className={cn(
            'inline-flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-2.5 text-xs font-medium',
            v.query === current ? 'border-accent bg-accent-soft text-accent-strong' : 'border-line bg-white text-ink-muted',
          )}
        >
          <Link href={v.query ? `/orders?${v.query}` : '/orders'} className="hover:underline" aria-current={v.query === current ? 'page' : undefined}>
            {v.name}
          </Link>
          <Remove orgId={orgId} view={v} />
        </span>
      ))}
      <form action={action} className="ml-auto flex items-center gap-1.5">
        <input type="hidden" name="orgId" value={orgId} />
        <input type="hidden" name="query" value={current} />
        <label htmlFor="view-name" className="sr-only">
          View name
        </label>
        <Input id="view-name" name="name" placeholder="Name this view" maxLength={60} required className="h-8 w-40 text-xs" />
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          Save view
        </Button>
        {state.message ? (
          <span role="status" className={cn('text-xs', state.status === 'error' ? 'text-danger' : 'text-success')}>
            {state.message}
          </span>
        ) : null}
      </form>
    </div>
  );
}
