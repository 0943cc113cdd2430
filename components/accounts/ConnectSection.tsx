import type { ReactNode } from 'react';
import { Card, CardHeader } from '@/components/ui/Card';
import { AmazonTokenForm } from './AmazonTokenForm';
import { OAuthButton } from './OAuthButton';
import { WalmartForm } from './WalmartForm';

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="space-y-3 px-5 py-4" aria-label={`Connect ${title}`} data-testid={testId}>
      <h3 className="text-sm font-semibold text-ink">{title}</h3>
      {children}
    </section>
  );
}

function NotConfigured({ name, vars }: { name: string; vars: string }) {
  return (
    <p className="rounded-md bg-surface-muted px-3 py-2 text-sm text-ink-muted" data-testid="not-configured">
      {name} is not configured on this ESM. An administrator of this installation sets <span className="font-mono text-xs">{vars}</span>{' '}
      to enable it.
    </p>
  );
}

export function ConnectSection({ orgId, amazon, ebay }: { orgId: string; amazon: boolean; ebay: boolean }) {
  return (
    <Card>
      <CardHeader
        title="Connect an account"
        description="ESM checks every connection with the marketplace before saving it. Credentials are encrypted and never shown again."
      />
      <div className="grid divide-y divide-line lg:grid-cols-3 lg:divide-x lg:divide-y-0">
        <Panel title="Walmart" testId="connect-walmart">
          <p className="text-sm text-ink-muted">
            In Walmart Seller Center open <span className="font-medium">Settings → API Key Management</span> and copy the client ID and
            client secret.
          </p>
          <WalmartForm orgId={orgId} />
        </Panel>
        <Panel title="Amazon" testId="connect-amazon">
          {amazon ? (
            <>
              <p className="text-sm text-ink-muted">You sign in to Seller Central, authorize ESM, and come back here.</p>
              <OAuthButton marketplace="amazon" orgId={orgId} label="Connect with Amazon" />
              <details className="pt-1">
                <summary className="cursor-pointer text-sm text-ink-muted hover:text-ink">Private app: paste a refresh token</summary>
                <div className="mt-3">
                  <p className="mb-3 text-sm text-ink-muted">
                    When this ESM runs on your own private SP-API app: authorize it in Seller Central (Develop Apps → Authorize)
                    and paste the refresh token with your selling partner (merchant) ID.
                  </p>
                  <AmazonTokenForm orgId={orgId} />
                </div>
              </details>
            </>
          ) : (
            <NotConfigured name="Amazon" vars="AMAZON_LWA_CLIENT_ID, AMAZON_LWA_CLIENT_SECRET, AMAZON_APP_ID" />
          )}
        </Panel>
        <Panel title="eBay" testId="connect-ebay">
          {ebay ? (
            <>
              <p className="text-sm text-ink-muted">You sign in to eBay as the seller, agree to ESM&apos;s access, and come back here.</p>
              <OAuthButton marketplace="ebay" orgId={orgId} label="Connect with eBay" />
            </>
          ) : (
            <NotConfigured name="eBay" vars="EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RUNAME" />
          )}
        </Panel>
      </div>
    </Card>
  );
}
