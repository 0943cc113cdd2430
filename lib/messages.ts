// The words server actions answer with. Messages that several actions share live here; a
// feature's own refusals sit in a table keyed by its lib functions' `reason` codes (below, or
// beside the feature when a page renders them too: components/accounts/messages.ts,
// MEMBER_ERRORS, ANSWER_MESSAGES). Lib functions return codes, never these strings, except
// through a UserFacingError.

/**
 * A refusal whose message was written for the person asking (from a table like the ones here),
 * so an action may show it as is. Any other error's text is never shown nor logged.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * The result convention of lib functions that actions call: success with its data, or a refusal
 * code the action turns into words with a table keyed by that code.
 */
export type Result<T extends object = object, R extends string = string> = ({ ok: true } & T) | { ok: false; reason: R };

export const COMMON = {
  session: 'Your session has expired. Sign in again.',
  stale: 'Reload the page and try again.',
  nothingChanged: 'Something went wrong and nothing was changed. Try again.',
} as const;

export const ACCOUNT_MESSAGES = {
  nothingSaved: 'Something went wrong and nothing was saved. Try again.',
  chooseData: 'Choose what happens to the orders already synced.',
  disconnectForbidden: 'Only owners and admins can disconnect accounts.',
  gone: 'That account is no longer in this organization. Reload the page.',
  disconnectedAnonymized:
    'Disconnected. Syncing stopped, the stored credentials were deleted, and the buyers of its orders were anonymized; the orders stay as history.',
  disconnectedDeleted: 'Disconnected. Syncing stopped, the stored credentials were deleted, and its orders and listings were deleted.',
  syncFailed: 'The sync could not be started. Try again.',
  syncForbidden: 'Viewers cannot start a sync. Ask an operator or admin.',
  syncInactive: 'This account is not syncing: reconnect it first.',
} as const;

export const ORDER_MESSAGES = {
  not_found: 'This order no longer exists or you no longer have access to it.',
  forbidden: "Viewers can't change orders. Ask an admin of your organization for the operator role.",
  session: 'Your session has ended. Sign in again to continue.',
  invalid: 'That request was not valid. Reload the page and try again.',
  failed: 'The order could not be updated. Try again in a moment.',
  held: 'The order is on hold.',
  released: 'The hold was released.',
  not_open: 'Only open orders can be put on hold: this one has already shipped, been delivered or been cancelled.',
} as const;

export const DELETE_ORG_MESSAGES = {
  forbidden: 'Only an owner of this organization can delete it.',
  confirmation: "Type the organization's name exactly as shown.",
  failed: 'Something went wrong and nothing was deleted. Try again.',
} as const;

export const PRIVACY_MESSAGES = {
  forbidden: 'Only owners and admins can change how long buyer data is kept.',
  out_of_range: 'Keep buyer data between 1 and 30 days after delivery.',
} as const;
