export const MAX_CSS_LINES: number
export function countCssLines(text: string): number
export function cssOffenders(roots: string[], max?: number): { file: string; lines: number }[]
export function strayColours(text: string, kind?: 'css' | 'code'): string[]
export function colourOffenders(roots: string[]): { file: string; colours: string[] }[]
