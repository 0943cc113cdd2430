import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card, CardBody } from '@/components/ui/Card';
import { getSession } from '@/lib/auth/session';
import { safeNextPath } from '@/lib/auth/redirect';
import { SignUpForm } from './SignUpForm';

export const metadata: Metadata = { title: 'Create your account' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: Search }) {
  const rawNext = (await searchParams).next;
  const next = typeof rawNext === 'string' && rawNext ? safeNextPath(rawNext) : undefined;
  if (await getSession()) redirect(next ?? '/orders');
  return (
    <Card>
      <CardBody className="px-6 py-6">
        <h1 className="text-xl font-semibold tracking-tight">Create your account</h1>
        <p className="mt-1 mb-5 text-sm text-ink-muted">
          One place for your Walmart, Amazon and eBay orders. You will be the owner of a new organization.
        </p>
        <SignUpForm next={next} />
      </CardBody>
    </Card>
  );
}
