extension RunLogPage {
    /// The page's one style sheet: system fonts, light and dark colours, WCAG AA contrast.
    static let css = #"""
        :root {
          --bg: #f6f7f9; --panel: #ffffff; --text: #1c2430; --muted: #5b6675; --line: #dde2e8;
          --accent: #1f4e79; --accent-text: #ffffff; --focus: #2f7bd8; --code: #f1f3f6;
          --ok: #11663a; --ok-bg: #e3f4ea; --bad: #a3211c; --bad-bg: #fbe7e6;
          --warn: #7a4a00; --warn-bg: #fdf0d5; --wait: #23507f; --wait-bg: #e4eef9;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #12161c; --panel: #1a2029; --text: #e4e9ef; --muted: #9aa6b4; --line: #2e3744;
            --accent: #6fb1f2; --accent-text: #0b1118; --focus: #8cc4ff; --code: #222a35;
            --ok: #7fd9a4; --ok-bg: #173524; --bad: #ff9c95; --bad-bg: #41201f;
            --warn: #ffc870; --warn-bg: #3d2e12; --wait: #9cc7f5; --wait-bg: #1c2d42;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--text); }
        code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
        pre { background: var(--code); border-radius: 6px; padding: 8px 10px; margin: 6px 0; overflow: auto;
              max-height: 260px; white-space: pre-wrap; word-break: break-word; }
        h1, h2, h3, h4 { margin: 0; line-height: 1.25; }
        h2 { font-size: 18px; } h3 { font-size: 16px; } h4 { font-size: 14px; }
        button, select, input { font: inherit; color: inherit; }
        button { background: var(--accent); color: var(--accent-text); border: 1px solid var(--accent); border-radius: 6px;
                 padding: 5px 12px; cursor: pointer; }
        button.secondary { background: var(--panel); color: var(--text); border-color: var(--line); }
        button:hover { filter: brightness(1.08); }
        button:disabled { opacity: .55; cursor: default; }
        select, input { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 5px 8px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; }
        .skip:focus { left: 12px; top: 8px; background: var(--panel); padding: 6px 10px; z-index: 10; }
        .muted { color: var(--muted); }
        .empty { color: var(--muted); margin: 24px 0; text-align: center; }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px; padding: 10px 24px;
               background: var(--panel); border-bottom: 1px solid var(--line); }
        .brand { display: flex; align-items: center; gap: 10px; font-weight: 650; font-size: 18px; }
        .tabs { display: flex; gap: 4px; }
        .tabs button { background: transparent; color: var(--muted); border: 0; border-bottom: 3px solid transparent;
                       border-radius: 0; padding: 6px 10px; font-weight: 600; }
        .tabs button[aria-selected="true"] { color: var(--text); border-bottom-color: var(--accent); }
        .token { margin-left: auto; display: flex; align-items: center; gap: 8px; }
        .token label { color: var(--muted); font-size: 14px; }
        .token input { width: 220px; }
        .token.saved input { width: 160px; }
        .notice { margin: 12px 24px 0; padding: 10px 14px; border-radius: 6px; border: 1px solid var(--line);
                  background: var(--wait-bg); color: var(--wait); }
        .notice.error { background: var(--bad-bg); color: var(--bad); border-color: var(--bad); }
        .notice.ok { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
        main { padding: 12px 24px 32px; }
        .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; margin: 4px 0 12px; }
        .filters label { color: var(--muted); font-size: 14px; }
        .filters .check { display: flex; align-items: center; gap: 6px; margin-left: 8px; color: var(--text); }
        .split { display: grid; grid-template-columns: minmax(360px, 1fr) minmax(0, 1.25fr); gap: 16px; align-items: start; }
        @media (max-width: 900px) { .split { grid-template-columns: 1fr; } .token { margin-left: 0; } }
        .list, .detail, .flow { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
        .list { overflow: hidden; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; padding: 10px 12px 6px; font-weight: 600; color: var(--muted); font-size: 13px; }
        th, td { text-align: left; padding: 7px 12px; border-top: 1px solid var(--line); vertical-align: top; }
        th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
        .runs tbody tr { cursor: pointer; }
        .runs tbody tr:hover { background: var(--code); }
        .runs tbody tr[aria-current="true"] { background: var(--wait-bg); box-shadow: inset 3px 0 0 var(--accent); }
        .runs { table-layout: fixed; }
        .runs th:nth-child(1) { width: 25%; } .runs th:nth-child(2) { width: 15%; } .runs th:nth-child(3) { width: 19%; }
        .runs td { overflow: hidden; text-overflow: ellipsis; }
        .runs .error-line { color: var(--bad); font-size: 13px; display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        button.link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline;
                      font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12.5px; font-weight: 650;
                 background: var(--wait-bg); color: var(--wait); white-space: nowrap; }
        .badge.succeeded { background: var(--ok-bg); color: var(--ok); }
        .badge.failed { background: var(--bad-bg); color: var(--bad); }
        .badge.retrying, .badge.retry { background: var(--warn-bg); color: var(--warn); }
        .badge.skipped { background: var(--code); color: var(--muted); }
        .detail { padding: 16px 18px; min-height: 200px; }
        .detail-head { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 14px; }
        .detail-head h2 code { font-size: 15px; }
        .detail-head .replay { margin-left: auto; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 12px 0; font-size: 14px; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; word-break: break-all; }
        .run-error { color: var(--bad); }
        .step { margin-top: 18px; }
        .step > h3 { display: flex; gap: 10px; align-items: baseline; }
        .step > h3 .muted { font-weight: 400; font-size: 14px; }
        .attempt { border: 1px solid var(--line); border-left: 4px solid var(--wait); border-radius: 6px; padding: 10px 12px; margin-top: 8px; }
        .attempt.succeeded { border-left-color: var(--ok); }
        .attempt.failed { border-left-color: var(--bad); }
        .attempt.retry { border-left-color: var(--warn); }
        .attempt-head { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
        .attempt-head h4 { margin-right: 4px; }
        .attempt .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-top: 8px; }
        details { margin-top: 8px; }
        summary { cursor: pointer; font-size: 14px; }
        summary code { word-break: break-all; }
        table.headers td, table.headers th { padding: 3px 8px; font-size: 13px; }
        table.headers td:first-child { color: var(--muted); white-space: nowrap; width: 1%; }
        .flows { display: grid; gap: 16px; }
        .flow { padding: 16px 18px; }
        .flow-head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; margin-bottom: 6px; }
        .flow h3 { margin-top: 16px; }
        .flow-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 8px 28px; align-items: start; }
        @media (max-width: 1000px) { .flow-body { grid-template-columns: 1fr; } }
        .fields td, .fields th { padding: 5px 10px; font-size: 14px; }
        .fields td.name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        .fields .depth-1 { padding-left: 28px; } .fields .depth-2 { padding-left: 46px; }
        .fields .depth-3 { padding-left: 64px; } .fields .depth-4 { padding-left: 82px; }
        .req { font-weight: 650; }
        .opt { color: var(--muted); }
        .unmapped { color: var(--muted); font-style: italic; }
        """#
}
