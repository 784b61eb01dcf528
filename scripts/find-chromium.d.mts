export function findChromium(env?: NodeJS.ProcessEnv): { path: string; source: string } | undefined
export const INSTALL_HINT: string
