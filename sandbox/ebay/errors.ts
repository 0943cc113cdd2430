// eBay's REST error envelope (`{ errors: [ErrorDetailV3] }`) and the common errors every eBay API
// can answer with, worded as in eBay's "Using eBay RESTful APIs" common-errors table.
import { json } from '@/sandbox/core/router';

export interface EbayErrorParameter {
  name: string;
  value: string;
}

export interface EbayError {
  errorId: number;
  domain: string;
  category: 'REQUEST' | 'APPLICATION' | 'BUSINESS';
  message: string;
  longMessage?: string;
  parameters?: EbayErrorParameter[];
}

export function ebayErrors(status: number, errors: EbayError[], headers: Record<string, string> = {}): Response {
  return json({ errors }, status, headers);
}

export function ebayError(status: number, error: EbayError): Response {
  return ebayErrors(status, [error]);
}

export const missingToken = () =>
  ebayError(400, {
    errorId: 1002,
    domain: 'OAuth',
    category: 'REQUEST',
    message: 'Missing access token',
    longMessage: 'Access token is missing in the Authorization HTTP request header.',
  });

export const wrongTokenType = (scheme: string) =>
  ebayError(400, {
    errorId: 1003,
    domain: 'OAuth',
    category: 'REQUEST',
    message: `Token type in the Authorization header is invalid:${scheme}`,
    longMessage: `Token type in the Authorization header is invalid:${scheme}`,
  });

/** Unknown, revoked and expired tokens all get this answer. */
export const invalidToken = () =>
  ebayError(401, {
    errorId: 1001,
    domain: 'OAuth',
    category: 'REQUEST',
    message: 'Invalid access token',
    longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
  });

// The common-errors table lists domain "OAuth" for 1100; captured live bodies say "ACCESS".
export const accessDenied = () =>
  ebayError(403, {
    errorId: 1100,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Access denied',
    longMessage: 'Insufficient permissions to fulfill the request.',
  });

export const tooManyRequests = () =>
  ebayError(429, {
    errorId: 2001,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Too many requests',
    longMessage: 'The request limit has been reached for the resource.',
  });

export const resourceNotResolved = () =>
  ebayError(404, {
    errorId: 2002,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Resource not resolved',
    longMessage: 'A resource (URI) associated with the request could not be resolved.',
  });

export const internalError = (status = 500) =>
  ebayError(status, {
    errorId: 2003,
    domain: 'ACCESS',
    category: 'APPLICATION',
    message: 'Internal error',
    longMessage: 'There was a problem with an eBay internal system or process. Contact eBay developer support for assistance.',
  });

export const invalidRequest = () =>
  ebayError(400, {
    errorId: 2004,
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Invalid request',
    longMessage: 'Request has errors. For help, see the documentation for this API.',
  });

/** Fulfillment API request error with the spec's message template filled in. */
export function fulfillmentError(status: number, errorId: number, message: string, parameters?: EbayErrorParameter[]): Response {
  return ebayError(status, {
    errorId,
    domain: 'API_FULFILLMENT',
    category: 'REQUEST',
    message,
    ...(parameters ? { parameters } : {}),
  });
}

export function inventoryError(status: number, errorId: number, message: string, parameters?: EbayErrorParameter[]): Response {
  return ebayError(status, {
    errorId,
    domain: 'API_INVENTORY',
    category: 'REQUEST',
    message,
    ...(parameters ? { parameters } : {}),
  });
}

/** OAuth token endpoint errors use the RFC 6749 shape, not the REST envelope. */
export function oauthError(status: number, error: string, description: string): Response {
  return json({ error, error_description: description }, status);
}

export const OAUTH = {
  invalidClient: () => oauthError(401, 'invalid_client', 'client authentication failed'),
  invalidRequest: () => oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed.'),
  unsupportedGrant: () =>
    oauthError(400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server'),
  invalidCode: () =>
    oauthError(400, 'invalid_grant', 'the provided authorization grant code is invalid or was issued to another client'),
  invalidRefresh: () =>
    oauthError(400, 'invalid_grant', 'the provided authorization refresh token is invalid or was issued to another client'),
  invalidScope: () =>
    oauthError(
      400,
      'invalid_scope',
      'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
    ),
};
