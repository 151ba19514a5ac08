extension RunLogPage {
    /// `Runs`: the filtered list (newest first) and one run's steps and attempts, with replay
    /// for failed runs. Redrawn only when the API's answer changed, keeping open sections open.
    static let runsScript = #"""
        'use strict';
        const Runs = (() => {
          const { el, api, notice, time, duration, badge, pretty } = Hookline;
          let selected = null;
          let shownList = '';
          let shownDetail = '';
          let watching = null;

          async function refresh() {
            await Promise.all([loadList(), selected ? loadDetail() : null]);
            document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
          }

          async function loadList() {
            const query = new URLSearchParams({ limit: '200' });
            const flow = document.getElementById('filter-flow').value;
            const status = document.getElementById('filter-status').value;
            if (flow) query.set('flow', flow);
            if (status) query.set('status', status);
            const { runs } = await api('runs?' + query);
            const json = JSON.stringify(runs);
            if (json === shownList) return;
            shownList = json;
            document.getElementById('run-rows').replaceChildren(...runs.map(row));
            document.getElementById('runs-empty').hidden = runs.length > 0;
          }

          function row(run) {
            const open = (event) => { event.stopPropagation(); select(run.id); };
            return el('tr', { 'data-run': run.id, 'data-status': run.status, 'aria-current': run.id === selected ? 'true' : null, onclick: open },
              el('td', {}, time(run.createdAt, true)),
              el('td', {}, run.flow),
              el('td', {}, badge(run.status)),
              el('td', {}, el('button', { type: 'button', class: 'link', 'aria-label': 'Open run ' + run.id, onclick: open }, run.id),
                run.error ? el('span', { class: 'error-line', title: run.error }, run.error) : null));
          }

          async function select(id) {
            selected = id;
            shownDetail = '';
            for (const tr of document.querySelectorAll('#run-rows tr')) {
              if (tr.dataset.run === id) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
            }
            try { await loadDetail(); } catch (error) { Main.failed(error); }
          }

          function clear() {
            selected = null;
            shownList = shownDetail = '';
            document.getElementById('run-rows').replaceChildren();
            document.getElementById('run-detail').replaceChildren(el('p', { class: 'empty' }, 'Choose a run to see its steps and attempts.'));
          }

          async function loadDetail() {
            const id = selected;
            const run = await api('runs/' + encodeURIComponent(id));
            if (id !== selected) return run;
            const json = JSON.stringify(run);
            if (json !== shownDetail) {
              shownDetail = json;
              const box = document.getElementById('run-detail');
              const open = new Set([...box.querySelectorAll('details[open]')].map((node) => node.dataset.key));
              box.replaceChildren(...detail(run));
              for (const node of box.querySelectorAll('details')) if (open.has(node.dataset.key)) node.open = true;
            }
            return run;
          }

          function detail(run) {
            const flow = Hookline.flows.find((candidate) => candidate.id === run.flow);
            const head = el('div', { class: 'detail-head' },
              el('h2', {}, 'Run ', el('code', {}, run.id)), badge(run.status),
              run.status === 'failed' ? el('button', { type: 'button', class: 'replay', id: 'replay', onclick: () => replay(run.id) }, 'Replay run') : null);
            const facts = el('dl', { class: 'facts' },
              fact('Flow', run.flow), fact('Received', time(run.createdAt)), fact('Last change', time(run.updatedAt)),
              run.nextAt ? fact('Next attempt', time(run.nextAt)) : null,
              run.webhookId ? fact('Webhook id', el('code', {}, run.webhookId)) : null,
              run.error ? fact('Error', el('span', { class: 'run-error' }, run.error)) : null);
            const event = el('details', { 'data-key': 'event' }, el('summary', {}, 'Event (personal data)'), el('pre', {}, pretty(run.event)));
            // Where the event departs from its flow's own schema (only flows with samples or a schema).
            const drift = run.drift && run.drift.length
              ? el('section', { class: 'drift' }, el('h3', {}, 'Schema drift'),
                  el('ul', {}, run.drift.map((entry) => el('li', {}, el('code', {}, entry.path || '/'), ' ',
                    entry.kind.replace('_', ' ') + (entry.found ? ' (' + entry.found + ')' : '')))))
              : null;
            return [head, facts, drift, event, ...steps(run, flow)].filter((node) => node);
          }

          function fact(name, value) {
            return [el('dt', {}, name), el('dd', {}, value)];
          }

          function steps(run, flow) {
            const attempts = run.attempts || [];
            const ids = flow ? flow.steps.map((step) => step.id) : [...new Set(attempts.map((attempt) => attempt.step))];
            return ids.map((id, index) => {
              const own = attempts.filter((attempt) => attempt.step === id);
              const step = flow ? flow.steps[index] : null;
              return el('section', { class: 'step', 'data-step': id },
                el('h3', {}, (index + 1) + '. ' + id, step ? el('span', { class: 'muted' }, step.connector + ' · ' + step.action) : null),
                own.length ? own.map((attempt, n) => attemptView(attempt, n, n > 0 && attempt.attempt <= own[n - 1].attempt, n === own.length - 1))
                  : el('p', { class: 'muted' }, 'Not attempted yet.'));
            });
          }

          /** The step's attempt number `index` + 1 in the order made (a replay starts the step's retry count again). */
          function attemptView(attempt, index, replayed, latest) {
            const key = attempt.step + '/' + index;
            return el('article', { class: 'attempt ' + attempt.outcome, 'data-attempt': key },
              el('div', { class: 'attempt-head' },
                el('h4', {}, 'Attempt ' + (index + 1)), badge(attempt.outcome),
                replayed ? el('span', { class: 'badge replayed' }, 'after replay') : null,
                attempt.status !== undefined ? el('span', { class: 'mono' }, 'HTTP ' + attempt.status) : null,
                el('span', { class: 'muted' }, duration(attempt.durationMs)),
                el('span', { class: 'muted' }, time(attempt.startedAt))),
              attempt.error ? [el('div', { class: 'label' }, 'Error'), el('pre', { class: 'run-error' }, attempt.error)] : null,
              attempt.response ? [el('div', { class: 'label' }, 'Response'), el('pre', {}, pretty(attempt.response))] : null,
              (attempt.requests || []).map((request, n) => requestView(request, key + '/' + n, latest)));
          }

          function requestView(request, key, latest) {
            const answer = request.status !== undefined ? '→ ' + request.status : request.error ? '→ ' + request.error : '';
            const headers = Object.entries(request.headers || {});
            return el('details', { 'data-key': key, open: latest },
              el('summary', {}, 'Request ', el('code', {}, request.method + ' ' + request.url), ' ', answer,
                typeof request.ms === 'number' ? ' · ' + duration(request.ms) : ''),
              headers.length ? el('table', { class: 'headers' },
                el('caption', {}, 'Headers (as stored, secrets redacted)'),
                el('tbody', {}, headers.map(([name, value]) => el('tr', {}, el('td', {}, name), el('td', { class: 'mono' }, value))))) : null,
              request.body !== undefined ? [el('div', { class: 'label' }, 'Body'), el('pre', {}, pretty(request.body))] : null);
          }

          async function replay(id) {
            const button = document.getElementById('replay');
            if (button) button.disabled = true;
            try {
              await api('runs/' + encodeURIComponent(id) + '/replay', { method: 'POST' });
              notice('Run ' + id + ' is queued again.', 'ok');
              watch(id);
            } catch (error) {
              if (button) button.disabled = false;
              Main.failed(error);
            }
          }

          /** Follows a replayed run until it leaves the queue, whether or not auto-refresh is on. */
          function watch(id) {
            clearInterval(watching);
            const until = Date.now() + 60000;
            const tick = async () => {
              try {
                await loadList();
                const run = id === selected ? await loadDetail() : await api('runs/' + encodeURIComponent(id));
                if (run.status === 'succeeded' || run.status === 'failed' || Date.now() > until) {
                  clearInterval(watching);
                  notice('Run ' + id + ' ' + run.status + ' after replay.', run.status === 'succeeded' ? 'ok' : 'error');
                }
              } catch (error) {
                clearInterval(watching);
                Main.failed(error);
              }
            };
            watching = setInterval(tick, 400);
            tick();
          }

          return { refresh, loadList, clear };
        })();
        """#
}
