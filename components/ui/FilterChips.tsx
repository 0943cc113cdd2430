'use client';
// Pieces of a filter bar that lives in the URL: a GET form's navigation (empty fields dropped,
// within a transition) and groups of checkbox chips; the Orders and Listings filter bars use them.
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';

export const chipClasses =
  'inline-flex cursor-pointer select-none items-center rounded-full border border-line bg-white px-2.5 py-1 text-xs font-medium text-ink-muted ' +
  'hover:border-ink-faint hover:text-ink has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:checked]:text-accent-strong ' +
  'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent';

/** Navigates to `path` with the form's non-empty fields as the query; `pending` while it loads. */
export function useUrlFilters(path: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function navigate(form: HTMLFormElement) {
    const sp = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') sp.append(k, v.trim());
    const qs = sp.toString();
    startTransition(() => router.push(qs ? `${path}?${qs}` : path, { scroll: false }));
  }
  return { navigate, pending };
}

/** A labelled group of checkbox chips, all with the same field name. */
export function ChipGroup({ legend, name, options, checked }: { legend: string; name: string; options: Array<{ value: string; label: string }>; checked: readonly string[] }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden className="mr-1 text-xs font-medium text-ink-muted">
        {legend}
      </span>
      {options.map((o) => (
        <label key={o.value} className={chipClasses}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} className="sr-only" />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
