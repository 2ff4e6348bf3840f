"""The pages' inline style sheets (no fonts or images are fetched: system fonts only)."""

from __future__ import annotations

COLOURS = {
    "money": "#f5b700",
    "area": "#1098ad",
    "department": "#4263eb",
    "document": "#ae3ec9",
    "achievement": "#37b24d",
    "commitment": "#f76707",
    "other": "#adb5bd",
    "none": "#dee2e6",
}
"""One colour per item kind and stance, shared by the letter view and the report's charts."""

BASE = """\
:root { --ink: #212529; --muted: #6c757d; --rule: #dee2e6; --paper: #fff; --side: #f8f9fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font: 15px/1.6 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
  "PingFang SC", sans-serif; }
a { color: #1864ab; }
header.top { padding: 12px 24px; border-bottom: 1px solid var(--rule); background: var(--side); }
header.top h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.meta b { color: var(--ink); font-weight: 600; }
h2 { font-size: 17px; margin: 28px 0 8px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left;
  vertical-align: top; }
th { background: var(--side); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
  vertical-align: -1px; margin-right: 4px; }
.note { color: var(--muted); font-size: 13px; }
ul.warnings { color: #c92a2a; }
"""

LETTER = BASE + """\
.layout { display: grid; grid-template-columns: 260px minmax(0, 1fr); min-height: 100vh; }
nav.outline { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto;
  padding: 12px 16px; border-right: 1px solid var(--rule); background: var(--side);
  font-size: 13px; }
nav.outline h2 { margin-top: 0; }
nav.outline ol { padding-left: 18px; margin: 4px 0; }
nav.outline li { margin: 2px 0; }
nav.outline .count { color: var(--muted); }
main { padding: 12px 28px 48px; max-width: 980px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; margin: 8px 0 0; }
.legend span { white-space: nowrap; }
.text { white-space: pre-wrap; font-size: 16px; line-height: 2; margin: 0; }
.heading { font-weight: 700; scroll-margin-top: 12px; }
.metaspan { scroll-margin-top: 12px; text-decoration: underline dotted #868e96;
  text-underline-offset: 5px; }
.metaspan:target, .metaspan:focus { background: #d0ebff; outline: 2px solid #1c7ed6;
  outline-offset: 1px; }
table.meta-fields th[scope="row"] { background: none; font-family: ui-monospace, monospace;
  font-weight: 400; white-space: nowrap; }
table.meta-fields td.written a { white-space: pre-wrap; }
.stmt { position: relative; border-radius: 3px; }
.stmt.achievement { background: #e6f6e9; }
.stmt.commitment { background: #fff0e0; }
.stmt.other { background: transparent; }
.swatch.money { background: #ffe066; box-shadow: inset 0 -3px #f5b700; }
.swatch.area { background: #c5f6fa; box-shadow: inset 0 -3px #1098ad; }
.swatch.department { background: #e5eaff; box-shadow: inset 0 -3px #4263eb; }
.swatch.document { background: #f3d9fa; box-shadow: inset 0 -3px #ae3ec9; }
.swatch.achievement { background: #e6f6e9; border: 1px solid #37b24d; }
.swatch.commitment { background: #fff0e0; border: 1px solid #f76707; }
.swatch.other { background: #fff; border: 1px solid #adb5bd; }
mark { position: relative; color: inherit; background: none; border-radius: 2px;
  padding: 1px 0; cursor: help; }
mark.money { background: #ffe066; box-shadow: inset 0 -2px #f5b700; font-weight: 600; }
mark.area { background: #c5f6fa; box-shadow: inset 0 -2px #1098ad; font-weight: 600; }
mark.department { background: #e5eaff; box-shadow: inset 0 -2px #4263eb; }
mark.document { background: #f3d9fa; }
mark.document mark.department { background: #e5eaff; }
[tabindex]:focus { outline: 2px solid #1c7ed6; outline-offset: 1px; }
mark::after, .stmt::after { content: attr(data-tip); position: absolute; left: 0; z-index: 20;
  width: max-content; max-width: 420px; white-space: pre-line; padding: 4px 8px;
  border-radius: 4px; background: #212529; color: #fff; font: 12px/1.5 system-ui, sans-serif;
  font-weight: 400; pointer-events: none; visibility: hidden; opacity: 0; }
mark::after { top: calc(100% + 4px); }
.stmt::after { bottom: calc(100% + 2px); }
mark:hover::after, mark:focus::after, mark:target::after,
.stmt:focus::after, .stmt:hover:not(:has(mark:hover))::after {
  visibility: visible; opacity: 1; }
.stmt:hover:not(:has(mark:hover))::after { transition: opacity 0s .4s, visibility 0s .4s; }
.stmt:has(mark:focus)::after, .stmt:has(mark:target)::after { visibility: hidden; }
"""

REPORT = BASE + """\
main { padding: 12px 24px 48px; max-width: 1100px; margin: 0 auto; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.total { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 140px; }
.total .value { font-size: 20px; font-weight: 700; display: block; }
.total .label { color: var(--muted); font-size: 12px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
figure.chart { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { width: 100%; height: auto; display: block; }
"""
