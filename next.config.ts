import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM from the package at run time; bundling it breaks the build.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'amazon-sp-api'],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests, sandbox, scripts included) in CI;
  // the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
