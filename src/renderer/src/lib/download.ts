/** Saves text or bytes as a file through the browser's download (serve mode and desktop alike). */
export function downloadFile(fileName: string, mime: string, content: { text?: string; base64?: string }): void {
  const body = content.base64 !== undefined ? Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0)) : (content.text ?? '')
  const url = URL.createObjectURL(new Blob([body], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
