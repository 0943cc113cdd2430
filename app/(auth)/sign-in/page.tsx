import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card, CardBody } from '@/components/ui/Card';
import { getSession } from '@/lib/auth/session';
import { safeNextPath } from '@/lib/auth/redirect';
import { SignInForm } from './SignInForm';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const rawNext = typeof params.next === 'string' ? params.next : undefined;
  const next = rawNext ? safeNextPath(rawNext) : undefined;
  if (await getSession()) redirect(next ?? '/orders');
  const email = typeof params.email === 'string' ? params.email.slice(0, 254) : '';
  return (
    <Card>
      <CardBody className="px-6 py-6">
        <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 mb-5 text-sm text-ink-muted">Welcome back. Sign in to manage your stores.</p>
        <SignInForm next={next} email={email} />
      </CardBody>
    </Card>
  );
}
