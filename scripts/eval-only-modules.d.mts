export const EVAL_ONLY_SUGGEST: string[]
