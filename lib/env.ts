// Validated configuration. The only module (with lib/db/connect.ts) that knows there are modes:
// with production variables present every one of them is required; without, ESM runs on its
// embedded default (PGlite, sandbox services) with secrets generated once into the data folder.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), `${what} must be an http(s) URL`);

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), 'must be a postgres:// or postgresql:// URL');

// ENCRYPTION_KEY: "keyId:base64key" entries separated by commas; the first encrypts, all decrypt.
const encryptionKeys = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const keys = v.split(',').map((entry) => {
      const [id, b64] = entry.trim().split(':');
      const key = b64 ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'must be keyId:base64 entries of 32-byte keys (e.g. k1:<openssl rand -base64 32>)' });
      }
      return { id, key };
    });
    if (new Set(keys.map((k) => k.id)).size !== keys.length) {
      ctx.addIssue({ code: 'custom', message: 'has a repeated key id' });
    }
    return keys;
  });

const cronSecret = z.string().min(32, 'must be at least 32 characters');

const productionSchema = z.object({
  SUPABASE_URL: url('SUPABASE_URL'),
  SUPABASE_ANON_KEY: z.string().min(20, 'must be the project\'s anon or publishable key'),
  DATABASE_URL: databaseUrl,
  ENCRYPTION_KEY: encryptionKeys,
  CRON_SECRET: cronSecret,
  APP_URL: url('APP_URL').optional(),
});

const embeddedSchema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  ENCRYPTION_KEY: encryptionKeys.optional(),
  CRON_SECRET: cronSecret.optional(),
  APP_URL: url('APP_URL').optional(),
});

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface MarketplaceConfig {
  walmart: { baseUrl: string };
  amazon: {
    region: 'na' | 'eu' | 'fe';
    marketplaceIds: string[];
    /** Seller Central base for the website authorization (consent) flow. */
    sellerCentralUrl: string;
    /** Every SP-API and LWA request goes to this base URL instead (sandbox only). */
    endpointOverride: string | null;
    app: { clientId: string; clientSecret: string; applicationId: string; draft: boolean } | null;
  };
  ebay: {
    apiBaseUrl: string;
    authBaseUrl: string;
    marketplaceId: string;
    app: { clientId: string; clientSecret: string; ruName: string } | null;
  };
  shippo: { baseUrl: string; apiKey: string | null };
}

/** eBay Marketplace Account Deletion (marketplace-apis.md §4): what the challenge hash uses. */
export interface EbayDeletionConfig {
  /** 32–80 of A–Z a–z 0–9 _ -, as registered with eBay. */
  verificationToken: string;
  /** The endpoint URL exactly as registered with eBay (behind a proxy, not the request's URL). */
  endpoint: string;
}

export interface Config {
  /** True when production variables are present: sandbox services can then never be enabled. */
  production: boolean;
  /** Sandbox services (Auth stand-in, marketplace and Shippo simulators) may run. */
  sandbox: boolean;
  supabaseUrl: string;
  supabaseAnonKey: string;
  /** Unset: the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  encryptionKeys: EncryptionKey[];
  cronSecret: string;
  port: number;
  appUrl: string;
  marketplaces: MarketplaceConfig;
  /** Null in production when eBay is not configured. */
  ebayDeletion: EbayDeletionConfig | null;
  /** Sync runs and finished jobs are deleted this many days after they ended. */
  operationalRetentionDays: number;
  /** The secret in the Shippo track_updated webhook URL; null (production, unset): the route answers 404. */
  shippoWebhookToken: string | null;
}

export const SANDBOX_ANON_KEY = 'sandbox-anon-key-not-a-secret-0000';

/** Production is declared by any Supabase variable or by running on Vercel. */
export type Env = Record<string, string | undefined>;

export function isProductionEnv(env: Env): boolean {
  return Boolean(env.SUPABASE_URL || env.SUPABASE_ANON_KEY || env.VERCEL);
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const name = String(i.path[0] ?? 'configuration');
      const msg = i.code === 'invalid_type' && i.input === undefined ? 'is required but not set' : i.message;
      return `  - ${name} ${msg}`;
    })
    .join('\n');
}

function localSecrets(dataDir: string): { encryptionKey: string; cronSecret: string } {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secrets = {
      encryptionKey: `local1:${crypto.randomBytes(32).toString('base64')}`,
      cronSecret: crypto.randomBytes(32).toString('hex'),
    };
    try {
      fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
      return secrets;
    } catch {
      return JSON.parse(fs.readFileSync(file, 'utf8')); // another process wrote it first
    }
  }
}

function trio<T extends string>(env: Env, names: readonly T[], what: string): Record<T, string> | null {
  const present = names.filter((n) => env[n]);
  if (present.length === 0) return null;
  const missing = names.filter((n) => !env[n]);
  if (missing.length) throw new ConfigError(`ESM cannot start: ${what} is partly configured: ${missing.join(', ')} is required but not set`);
  return Object.fromEntries(names.map((n) => [n, env[n]!.trim()])) as Record<T, string>;
}

function baseUrl(env: Env, name: string, fallback: string): string {
  const v = env[name]?.trim() || fallback;
  if (!/^https?:\/\//.test(v) || !URL.canParse(v)) throw new ConfigError(`ESM cannot start: ${name} must be an http(s) URL`);
  return v.replace(/\/$/, '');
}

/**
 * Marketplace and Shippo endpoints and app credentials. The sandbox URLs (ESM_SANDBOX_*_URL,
 * set by the launcher) are honoured only without production configuration.
 */
function marketplaceConfig(env: Env, production: boolean): MarketplaceConfig {
  const sandbox = (name: string) => (production ? undefined : env[`ESM_SANDBOX_${name}_URL`]);
  const amazonApp = trio(env, ['AMAZON_LWA_CLIENT_ID', 'AMAZON_LWA_CLIENT_SECRET', 'AMAZON_APP_ID'] as const, 'Amazon');
  const ebayApp = trio(env, ['EBAY_CLIENT_ID', 'EBAY_CLIENT_SECRET', 'EBAY_RUNAME'] as const, 'eBay');
  const region = (env.AMAZON_REGION ?? 'na').trim();
  if (region !== 'na' && region !== 'eu' && region !== 'fe') throw new ConfigError('ESM cannot start: AMAZON_REGION must be na, eu or fe');
  const amazonSandbox = sandbox('AMAZON');
  return {
    walmart: { baseUrl: baseUrl(env, 'WALMART_API_URL', sandbox('WALMART') ?? 'https://marketplace.walmartapis.com') },
    amazon: {
      region,
      marketplaceIds: (env.AMAZON_MARKETPLACE_IDS ?? 'ATVPDKIKX0DER').split(',').map((x) => x.trim()).filter(Boolean),
      sellerCentralUrl: baseUrl(env, 'AMAZON_SELLER_CENTRAL_URL', amazonSandbox ?? 'https://sellercentral.amazon.com'),
      endpointOverride: amazonSandbox ? baseUrl(env, 'ESM_SANDBOX_AMAZON_URL', amazonSandbox) : null,
      app: amazonApp && {
        clientId: amazonApp.AMAZON_LWA_CLIENT_ID,
        clientSecret: amazonApp.AMAZON_LWA_CLIENT_SECRET,
        applicationId: amazonApp.AMAZON_APP_ID,
        draft: env.AMAZON_APP_PUBLISHED?.trim() !== 'true',
      },
    },
    ebay: {
      apiBaseUrl: baseUrl(env, 'EBAY_API_URL', sandbox('EBAY') ?? 'https://api.ebay.com'),
      authBaseUrl: baseUrl(env, 'EBAY_AUTH_URL', sandbox('EBAY') ?? 'https://auth.ebay.com'),
      marketplaceId: env.EBAY_MARKETPLACE_ID?.trim() || 'EBAY_US',
      app: ebayApp && { clientId: ebayApp.EBAY_CLIENT_ID, clientSecret: ebayApp.EBAY_CLIENT_SECRET, ruName: ebayApp.EBAY_RUNAME },
    },
    shippo: {
      baseUrl: baseUrl(env, 'SHIPPO_API_URL', sandbox('SHIPPO') ?? 'https://api.goshippo.com'),
      apiKey: env.SHIPPO_API_KEY?.trim() || null,
    },
  };
}

const VERIFICATION_TOKEN = /^[A-Za-z0-9_-]{32,80}$/;
export const EBAY_DELETION_PATH = '/api/ebay/account-deletion';

/**
 * Production: both variables, required once eBay is configured. Embedded default: the app's own
 * URL and a token derived from the local cron secret (stable across restarts, never a constant).
 */
function ebayDeletionConfig(env: Env, o: { production: boolean; ebayConfigured: boolean; appUrl: string; localSecret: string }): EbayDeletionConfig | null {
  const token = env.EBAY_DELETION_VERIFICATION_TOKEN?.trim();
  const endpoint = env.EBAY_DELETION_ENDPOINT?.trim();
  if (token !== undefined && token !== '' && !VERIFICATION_TOKEN.test(token)) {
    throw new ConfigError('ESM cannot start: EBAY_DELETION_VERIFICATION_TOKEN must be 32-80 characters of A-Z, a-z, 0-9, _ and -');
  }
  if (endpoint && (!URL.canParse(endpoint) || (o.production && !endpoint.startsWith('https://')))) {
    throw new ConfigError(`ESM cannot start: EBAY_DELETION_ENDPOINT must be the ${o.production ? 'https ' : ''}URL registered with eBay`);
  }
  if (o.production) {
    if (!token && !endpoint && !o.ebayConfigured) return null;
    const missing = [!token && 'EBAY_DELETION_VERIFICATION_TOKEN', !endpoint && 'EBAY_DELETION_ENDPOINT'].filter(Boolean);
    if (missing.length) throw new ConfigError(`ESM cannot start: eBay account deletion needs ${missing.join(' and ')} (required once eBay is configured)`);
    return { verificationToken: token!, endpoint: endpoint! };
  }
  return {
    verificationToken: token || crypto.createHmac('sha256', o.localSecret).update('ebay-account-deletion').digest('hex'),
    endpoint: endpoint || `${o.appUrl}${EBAY_DELETION_PATH}`,
  };
}

const WEBHOOK_TOKEN = /^[A-Za-z0-9_-]{32,128}$/;
export const SHIPPO_TRACK_WEBHOOK_PATH = '/api/shippo/track';

/** SHIPPO_WEBHOOK_TOKEN; the embedded default derives one from its local secret (stable, never a constant). */
function shippoWebhookToken(env: Env, localSecret: string | null): string | null {
  const token = env.SHIPPO_WEBHOOK_TOKEN?.trim();
  if (token && !WEBHOOK_TOKEN.test(token)) {
    throw new ConfigError('ESM cannot start: SHIPPO_WEBHOOK_TOKEN must be 32-128 characters of A-Z, a-z, 0-9, _ and -');
  }
  if (token) return token;
  return localSecret ? crypto.createHmac('sha256', localSecret).update('shippo-track-webhook').digest('hex') : null;
}

/** OPERATIONAL_RETENTION_DAYS: 7–3650, default 90. */
function operationalRetentionDays(env: Env): number {
  const raw = env.OPERATIONAL_RETENTION_DAYS?.trim();
  if (!raw) return 90;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 7 || days > 3650) {
    throw new ConfigError('ESM cannot start: OPERATIONAL_RETENTION_DAYS must be a whole number of days from 7 to 3650');
  }
  return days;
}

export function loadConfig(env: Env = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.ESM_DATA_DIR ?? '.data');
  const appUrlDefault = `http://localhost:${port}`;

  if (isProductionEnv(env)) {
    const parsed = productionSchema.safeParse(env);
    if (!parsed.success) {
      throw new ConfigError(`ESM cannot start: production configuration is incomplete or malformed:\n${formatIssues(parsed.error)}`);
    }
    const p = parsed.data;
    const marketplaces = marketplaceConfig(env, true);
    const appUrl = (p.APP_URL ?? (env.VERCEL_URL ? `https://${env.VERCEL_URL}` : appUrlDefault)).replace(/\/$/, '');
    return {
      production: true,
      sandbox: false,
      supabaseUrl: p.SUPABASE_URL.replace(/\/$/, ''),
      supabaseAnonKey: p.SUPABASE_ANON_KEY,
      databaseUrl: p.DATABASE_URL,
      dataDir,
      encryptionKeys: p.ENCRYPTION_KEY,
      cronSecret: p.CRON_SECRET,
      port,
      appUrl,
      marketplaces,
      ebayDeletion: ebayDeletionConfig(env, { production: true, ebayConfigured: marketplaces.ebay.app !== null, appUrl, localSecret: '' }),
      operationalRetentionDays: operationalRetentionDays(env),
      shippoWebhookToken: shippoWebhookToken(env, null),
    };
  }

  const parsed = embeddedSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`ESM cannot start: configuration is malformed:\n${formatIssues(parsed.error)}`);
  const e = parsed.data;
  const needLocal = !e.ENCRYPTION_KEY || !e.CRON_SECRET;
  const local = needLocal ? localSecrets(dataDir) : undefined;
  const cronSecretValue = e.CRON_SECRET ?? local!.cronSecret;
  const appUrl = (e.APP_URL ?? appUrlDefault).replace(/\/$/, '');
  const marketplaces = marketplaceConfig(env, false);
  return {
    production: false,
    sandbox: true,
    // The Auth stand-in is served by the app itself under /auth/v1.
    supabaseUrl: `http://127.0.0.1:${port}`,
    supabaseAnonKey: SANDBOX_ANON_KEY,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    encryptionKeys: e.ENCRYPTION_KEY ?? encryptionKeys.parse(local!.encryptionKey),
    cronSecret: cronSecretValue,
    port,
    appUrl,
    marketplaces,
    ebayDeletion: ebayDeletionConfig(env, { production: false, ebayConfigured: marketplaces.ebay.app !== null, appUrl, localSecret: cronSecretValue }),
    operationalRetentionDays: operationalRetentionDays(env),
    shippoWebhookToken: shippoWebhookToken(env, cronSecretValue),
  };
}

let cached: Config | undefined;
/** The process's configuration, validated once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
