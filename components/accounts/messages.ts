// Every outcome of connecting an account, in words a seller can act on. OAuth callbacks pass
// only a code in the redirect (never free text), and the page turns it into a message here.
import { formatMarketplace } from '@/components/ui/format';
import type { Marketplace } from '@/lib/model';
import type { ConnectError } from '@/lib/accounts/connect-flow';

export type ConnectMessageCode =
  | ConnectError
  /** The state cookie was missing, tampered with, or for another flow. */
  | 'state_invalid'
  | 'state_expired'
  /** The seller declined on the marketplace's consent page. */
  | 'declined'
  /** The marketplace sent the seller back with an error of its own. */
  | 'marketplace_denied'
  | 'bad_request';

export const CONNECT_MESSAGE_CODES: readonly ConnectMessageCode[] = [
  'forbidden', 'not_found', 'wrong_account', 'not_configured', 'refused', 'code_rejected', 'unreachable', 'marketplace_error',
  'state_invalid', 'state_expired', 'declined', 'marketplace_denied', 'bad_request',
];

export function isConnectMessageCode(v: unknown): v is ConnectMessageCode {
  return typeof v === 'string' && (CONNECT_MESSAGE_CODES as readonly string[]).includes(v);
}

const REFUSED: Record<Marketplace, string> = {
  walmart: 'Walmart refused these credentials. Check the client ID and secret.',
  amazon: 'Amazon refused these credentials. Check the refresh token and the selling partner ID.',
  ebay: 'eBay refused the authorization. Connect again and sign in with the seller account.',
};

export function connectErrorMessage(m: Marketplace, code: ConnectMessageCode): string {
  const name = formatMarketplace(m);
  switch (code) {
    case 'refused':
      return REFUSED[m];
    case 'unreachable':
      return `${name} could not be reached or had a temporary problem, so nothing was saved. Try again in a few minutes.`;
    case 'marketplace_error':
      return `${name} gave an answer ESM could not use, so nothing was saved. Try again; if it keeps happening, contact support.`;
    case 'forbidden':
      return 'Only owners and admins can connect, reconnect or disconnect marketplace accounts.';
    case 'not_found':
      return 'That account is no longer in this organization. Reload the page.';
    case 'wrong_account':
      return `That is a different ${name} seller account than the one you're reconnecting. Sign in to ${name} as that seller, or connect it as a new account.`;
    case 'not_configured':
      return `${name} is not configured on this ESM, so accounts cannot be connected yet.`;
    case 'code_rejected':
      return `${name} did not accept the authorization (it may have expired or been used already). Nothing was saved; start again.`;
    case 'state_invalid':
      return `The connection could not be confirmed as yours (it was started in another browser or session, or the link was altered). Nothing was saved; start again from this page.`;
    case 'state_expired':
      return `The ${name} connection took too long and expired. Nothing was saved; start again.`;
    case 'declined':
      return `You did not grant ESM access on ${name}'s page, so nothing was connected.`;
    case 'marketplace_denied':
      return `${name} did not complete the authorization, so nothing was connected. Try again.`;
    case 'bad_request':
      return `${name} sent ESM back without the details it needs. Nothing was saved; start again.`;
  }
}

export function connectedMessage(m: Marketplace, reconnected: boolean): string {
  const name = formatMarketplace(m);
  return reconnected
    ? `Your ${name} account is reconnected. Syncing resumes now.`
    : `Your ${name} account is connected. The first sync has started; orders appear as it goes.`;
}

/**
 * After connecting a seller account that another ESM organization also has connected. It never
 * says which organization: that is another tenant's business.
 */
export function sharedSellerWarning(m: Marketplace): string {
  const name = formatMarketplace(m);
  return `This ${name} seller account is also connected to another ESM organization. Both organizations now sync its orders, buyer details included. If you did not expect that, disconnect it here and check who can sign in to the ${name} seller account.`;
}
