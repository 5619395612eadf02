/** The report page's own styles (KaTeX's come separately, with its fonts). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5d6675; --line: #d9dde4; --good: #1f8a4c; --bad: #b5452f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1160px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.meta, .note, figcaption { color: var(--muted); font-size: 13px; }
.formula { border: 1px solid var(--line); border-radius: 8px; padding: 6px 16px 10px; margin: 12px 0; }
.formula .katex-display { margin: 10px 0; overflow-x: auto; overflow-y: hidden; padding: 4px 0; }
.formula .katex { font-size: 1.45em; }
.status { display: flex; gap: 18px; align-items: center; flex-wrap: wrap; }
.badge { font-weight: 600; font-size: 13px; padding: 2px 10px; border-radius: 999px; color: #fff; }
.badge.exact { background: var(--good); }
.badge.inexact { background: var(--bad); }
.badge.noisy { background: #2b7bb9; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); }
td.tex, th:nth-child(3) { text-align: left; }
table.candidates td.tex { max-width: 640px; overflow-x: auto; }
table.candidates tr.chosen { background: #eef7f1; }
details { margin-top: 6px; font-size: 13px; }
pre { background: #f5f6f8; padding: 6px 10px; border-radius: 6px; overflow-x: auto; margin: 4px 0; }
figure { margin: 0 0 12px; overflow-x: auto; }
.plots { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; }
svg text { font-family: "DejaVu Sans", system-ui, sans-serif; fill: var(--ink); }
svg .title { font-size: 13px; font-weight: 600; }
svg .tick, svg .legend, svg .mark-label, svg .band-label { font-size: 11px; fill: var(--muted); }
svg .axis { font-size: 12px; fill: var(--muted); }
svg .grid { stroke: #eceef2; }
svg .frame { fill: none; stroke: #b9bfc9; }
svg .band { fill: #e9f1fb; }
svg .mark { stroke: #b9bfc9; stroke-dasharray: 3 3; }
svg.graph .col-title { font-size: 12px; fill: var(--muted); font-weight: 600; }
svg.graph .edge { fill: none; stroke: #7d8aa0; stroke-width: 1.4; }
svg.graph .edge.negative { stroke: #c8604a; }
svg.graph .edge-label { font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
svg.graph .node rect { stroke-width: 1.4; }
svg.graph .node text { font-size: 13px; }
svg.graph .input rect { fill: #f1f2f5; stroke: #8a93a3; }
svg.graph .caluM rect { fill: #e7f0fb; stroke: #2f6db5; }
svg.graph .caluA rect { fill: #fdf0e3; stroke: #d9771e; }
svg.graph .caluE rect, svg.graph .caluL rect { fill: #eaf6ec; stroke: #2e8b47; }
svg.graph .fn rect { fill: #f3ecfa; stroke: #7a4bb0; }
svg.graph .output rect { fill: #e6f4ec; stroke: var(--good); }
`;
