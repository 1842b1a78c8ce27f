import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RosterSync", template: "%s · RosterSync" },
  description: "Keeps your district's class rosters in step with your Student Information System.",
  // public/: favicon.ico for every browser (and whoever asks for /favicon.ico), the SVG mark where
  // the browser takes one, and the home-screen icon.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/logo.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request renders every page per request, so each gets the nonce of its own
  // Content-Security-Policy (proxy.ts); Next puts it on its scripts.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {/* The first thing a keyboard reaches on every page; each page's <main> is #main. */}
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-4 py-2 text-sm font-semibold text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
