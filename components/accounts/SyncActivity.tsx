'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2, RefreshCw } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import type { AccountSyncView, SyncRunView } from '@/lib/accounts/queries';
import { syncNowAction } from '@/app/(app)/accounts/actions';
import { lagText, runSummary, timeAgo, timeUntil } from './format';
import { HeldBackRecords } from './HeldBackRecords';

interface Props {
  orgId: string;
  accountId: string;
  initial: AccountSyncView;
  canSync: boolean;
  /** The server's clock when it rendered the card: the first render in the browser uses the same one. */
  renderedAt: number;
}

/** What the card waits for: a new orders run (or the one already running) to finish. */
interface Watch {
  baseline: string | null;
  baselineRunning: boolean;
  since: number;
}

const POLL_MS = 1_000;
/** No run started after this long: the work was left for the scheduler. */
const GIVE_UP_MS = 120_000;

const running = (v: AccountSyncView) => v.orders?.status === 'running' || v.listings?.status === 'running';

const due = (v: AccountSyncView, now: number) =>
  v.status === 'active' && (!v.orders || (v.nextRunAt !== null && Date.parse(v.nextRunAt) <= now + 5_000));

function watchFrom(v: AccountSyncView): Watch {
  return { baseline: v.orders?.id ?? null, baselineRunning: v.orders?.status === 'running', since: Date.now() };
}

function finished(v: AccountSyncView, w: Watch): boolean {
  const o = v.orders;
  if (!o || o.status === 'running') return false;
  return (o.id !== w.baseline || w.baselineRunning) && v.listings?.status !== 'running';
}

function RunLine({ label, run, noun, now }: { label: string; run: SyncRunView | null; noun: 'order' | 'listing'; now: number }) {
  return (
    <div className="grid grid-cols-[4.5rem_1fr] items-baseline gap-x-2 text-sm">
      <dt className="font-medium text-ink-muted">{label}</dt>
      <dd className={run?.status === 'failed' ? 'text-danger' : 'text-ink'} data-testid={`${noun}s-run`}>
        {run ? (
          <>
            {run.status === 'running' ? <Loader2 aria-hidden className="mr-1 inline size-3.5 animate-spin text-accent" /> : null}
            {runSummary(run, noun)}
            {run.status !== 'running' ? (
              <span className="whitespace-nowrap text-ink-faint" suppressHydrationWarning>
                {' '}
                · {timeAgo(run.finishedAt ?? run.startedAt, now)}
              </span>
            ) : null}
          </>
        ) : (
          <span className="text-ink-muted">Not synced yet</span>
        )}
      </dd>
    </div>
  );
}

export function SyncActivity({ orgId, accountId, initial, canSync, renderedAt }: Props) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  // Watch from the start when a sync runs or is due now (just connected or reconnected). Decided on the
  // server's clock, so the server and the browser render the same first page (no hydration mismatch).
  const [watch, setWatch] = useState<Watch | null>(() => (running(initial) || due(initial, renderedAt) ? watchFrom(initial) : null));
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();
  const [now, setNow] = useState(renderedAt);
  const inflight = useRef(false);

  // After router.refresh() the server's view is the newer one, unless we are still watching.
  useEffect(() => {
    if (!watch) setView(initial);
  }, [initial]);

  const poll = useCallback(
    async (w: Watch) => {
      if (inflight.current) return;
      inflight.current = true;
      try {
        const res = await fetch(`/api/accounts/${accountId}/sync`, { cache: 'no-store' });
        if (!res.ok) {
          setWatch(null);
          if (res.status === 404) setNote('This account is no longer visible to you.');
          return;
        }
        const v = (await res.json()) as AccountSyncView;
        setView(v);
        setNow(Date.now());
        if (finished(v, w)) {
          setWatch(null);
          router.refresh();
        } else if (!running(v) && Date.now() - w.since > GIVE_UP_MS) {
          setWatch(null);
          setNote('The sync has not started yet; it will run with the next scheduled sync.');
        }
      } catch {
        // A dropped poll is retried on the next tick.
      } finally {
        inflight.current = false;
      }
    },
    [accountId, router],
  );

  useEffect(() => {
    if (!watch) return;
    // First look after a second, not at once: the button and "Starting…" stay long enough to be seen.
    const id = setInterval(() => void poll(watch), POLL_MS);
    return () => clearInterval(id);
  }, [watch, poll]);

  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);

  function syncNow() {
    setError(null);
    setNote(null);
    startTransition(async () => {
      const form = new FormData();
      form.set('orgId', orgId);
      form.set('accountId', accountId);
      const r = await syncNowAction(form);
      if (r.ok) setWatch(watchFrom(view));
      else setError(r.error ?? 'The sync could not be started.');
    });
  }

  const busy = starting || watch !== null;
  const lag = view.status === 'active' ? lagText(view.lastSyncSucceededAt, now) : null;
  const next = view.status === 'active' && !running(view) ? timeUntil(view.nextRunAt, now) : null;
  const waitingForStart = watch !== null && !running(view);

  return (
    <div className="space-y-3">
      <p className="text-sm text-ink" suppressHydrationWarning data-testid="last-synced">
        {view.lastSyncSucceededAt ? <>Last synced {timeAgo(view.lastSyncSucceededAt, now)}</> : 'Not synced yet'}
        {lag ? <span className="ml-2 font-medium text-warning" suppressHydrationWarning>· {lag}</span> : null}
        {next ? <span className="text-ink-muted" suppressHydrationWarning> · next sync {next}</span> : null}
      </p>
      <div aria-live="polite" className="space-y-1" data-testid="sync-status">
        {waitingForStart ? (
          <p className="text-sm text-ink">
            <Loader2 aria-hidden className="mr-1 inline size-3.5 animate-spin text-accent" />
            Starting the sync…
          </p>
        ) : null}
        <dl className="space-y-1">
          <RunLine label="Orders" run={view.orders} noun="order" now={now} />
          <RunLine label="Listings" run={view.listings} noun="listing" now={now} />
        </dl>
      </div>
      <HeldBackRecords quarantine={view.quarantine} now={now} />
      {view.lastSyncError && view.orders?.status !== 'running' ? (
        <p className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger" data-testid="last-error">
          <span className="font-medium">Last error: </span>
          {view.lastSyncError}
        </p>
      ) : null}
      {note ? <p className="text-sm text-ink-muted">{note}</p> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {canSync && view.status === 'active' ? (
        <Button variant="secondary" size="sm" onClick={syncNow} disabled={busy}>
          <RefreshCw aria-hidden className={busy ? 'size-3.5 animate-spin' : 'size-3.5'} />
          {busy ? 'Syncing…' : 'Sync now'}
        </Button>
      ) : null}
    </div>
  );
}
