const TOKEN_KEY = 'virgil.token'

/**
 * Serve mode hands the token in the page URL once; keep it for this tab only and take it out of the
 * address bar so it does not end up in history, screenshots or a pasted link.
 */
export function takeServeToken(): string {
  const url = new URL(location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}
