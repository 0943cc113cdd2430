import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'ESM — Ecom Store Manager', template: '%s · ESM' },
  description: 'Run your Walmart, Amazon and eBay stores from one place.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request (the 404 page too): the Content-Security-Policy carries a
  // fresh nonce (proxy.ts), and a page prerendered at build time would have scripts without it.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
