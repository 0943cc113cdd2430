// The embedded default's demo login (sandbox only: these never exist with production config).
export const DEMO_EMAIL = 'demo@esm.local';
export const DEMO_PASSWORD = 'demo-store-2026';
export const DEMO_ORG_NAME = 'Harbor & Pine (demo)';
