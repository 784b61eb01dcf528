/** The report's own stylesheet: a document on paper first (light, serif-free, compact), not the app. */
export const REPORT_CSS = `
:root{--ink:#1b1f24;--muted:#5b6570;--line:#d5dae0;--ok:#1f7a4d;--bad:#b3261e;--code:#f3f5f7}
*{box-sizing:border-box}
body{font:10.5pt/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:17pt;margin:4px 0 12px}h1 .num{font-family:ui-monospace,Menlo,Consolas,monospace;color:var(--muted)}
h2{font-size:12.5pt;border-bottom:1px solid var(--line);padding-bottom:3px;margin:22px 0 8px;break-after:avoid}
h3{font-size:10.5pt;margin:12px 0 4px;break-after:avoid}
.kicker,.meta,.none,.fold{color:var(--muted);margin:2px 0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--code);font-weight:600}tr{break-inside:avoid}
code,pre,time{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:9pt}
pre{background:var(--code);border:1px solid var(--line);padding:6px 8px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
pre.tl{background:none;border:0;padding:0;font-size:8.5pt;line-height:1.35}
.cmd{margin-bottom:8px}.cmd pre{break-before:avoid}
.stamp{border:2px solid var(--ok);padding:6px 12px;margin-top:20px;break-inside:avoid}.stamp.bad{border-color:var(--bad)}.stamp h2{border:0;margin-top:6px}
.stamp p{margin:3px 0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:9pt;word-break:break-all}
.appendix{break-before:page}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:9pt}a{color:inherit}pre,code,time{font-size:7.5pt}pre.tl{font-size:7.5pt;line-height:1.25}pre{padding:3px 5px}}
`
