extension RunLogPage {
    /// The page: a token form, the runs view (filters, list, one run's steps and attempts) and
    /// the flows view (trigger fields, each step's mapping). The scripts fill it in.
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Hookline runs</title>
        <link rel="icon" href="/ui/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/ui/page.css">
        <script src="/ui/common.js" defer></script>
        <script src="/ui/runs.js" defer></script>
        <script src="/ui/flows.js" defer></script>
        <script src="/ui/main.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <div class="brand"><img src="/ui/icon.svg" alt="" width="28" height="28"><span>Hookline</span></div>
          <nav class="tabs" role="tablist" aria-label="Views">
            <button type="button" role="tab" id="tab-runs" aria-selected="true" aria-controls="view-runs">Runs</button>
            <button type="button" role="tab" id="tab-flows" aria-selected="false" aria-controls="view-flows" tabindex="-1">Flows</button>
          </nav>
          <form id="token-form" class="token" autocomplete="off">
            <label for="token">Admin token</label>
            <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="server.adminToken">
            <button type="submit" id="token-use">Use token</button>
            <button type="button" id="token-forget" class="secondary" hidden>Forget</button>
          </form>
        </header>
        <div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
        <main id="main" hidden>
          <section id="view-runs" role="tabpanel" aria-labelledby="tab-runs">
            <form id="filters" class="filters">
              <label for="filter-flow">Flow</label>
              <select id="filter-flow"><option value="">All flows</option></select>
              <label for="filter-status">Status</label>
              <select id="filter-status">
                <option value="">Any status</option>
                <option value="failed">Failed</option>
                <option value="retrying">Retrying</option>
                <option value="queued">Queued</option>
                <option value="running">Running</option>
                <option value="succeeded">Succeeded</option>
              </select>
              <label class="check"><input type="checkbox" id="auto-refresh" checked> Refresh every 2 s</label>
              <button type="button" id="refresh" class="secondary">Refresh now</button>
              <span id="updated" class="muted"></span>
            </form>
            <div class="split">
              <div class="list">
                <table class="runs">
                  <caption>Runs, newest first</caption>
                  <thead><tr><th scope="col">Received</th><th scope="col">Flow</th><th scope="col">Status</th><th scope="col">Run</th></tr></thead>
                  <tbody id="run-rows"></tbody>
                </table>
                <p id="runs-empty" class="empty" hidden>No runs match these filters.</p>
              </div>
              <section id="run-detail" class="detail" aria-label="Selected run">
                <p class="empty">Choose a run to see its steps and attempts.</p>
              </section>
            </div>
          </section>
          <section id="view-flows" role="tabpanel" aria-labelledby="tab-flows" hidden>
            <div id="flow-list" class="flows"></div>
          </section>
        </main>
        </body>
        </html>
        """#
}
