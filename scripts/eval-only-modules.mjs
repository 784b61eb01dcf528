// The suggestion engine's offline evaluation (npm run eval:suggest, bench/suggest.ts) lives in
// src/main/core/suggest/ beside the engine but is never shipped: lint refuses an import of these
// from shipped code, and tests/unit/lint/runtime-bundle.test.ts walks the bundle's imports.
export const EVAL_ONLY_SUGGEST = ['evaluate', 'baselines', 'blend', 'blend-scoring', 'blend-trainer', 'engine-trainer', 'features', 'fit-blend', 'playbook-flows', 'flow-stats', 'gbdt', 'ltr-features', 'ltr-trainer']
