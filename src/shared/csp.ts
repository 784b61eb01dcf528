/**
 * The page's Content-Security-Policy, sent as a response header (serve mode, and Electron's
 * session for http loads). frame-ancestors only works in a header, so index.html's meta copy
 * leaves it out (a meta frame-ancestors is ignored with a console warning).
 */
export const CSP_META =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'"

export const CSP = `${CSP_META}; frame-ancestors 'none'`
