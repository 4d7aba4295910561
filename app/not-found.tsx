import Link from "next/link";

/**
 * The portal's own 404 page. Next's built-in one styles itself inline, which the nonce CSP refuses; this one uses the
 * portal's stylesheet.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-slate-800">
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-sm">There is no page at this address in the portal.</p>
      <Link href="/" className="text-sm font-medium text-blue-800 underline hover:text-blue-900">
        Go to the portal&apos;s start page
      </Link>
    </main>
  );
}
