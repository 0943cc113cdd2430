'use client';
// Re-renders the page every few seconds while a background job runs (progress without a socket).
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs, router]);
  return null;
}
