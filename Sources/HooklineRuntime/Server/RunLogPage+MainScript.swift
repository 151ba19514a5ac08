extension RunLogPage {
    /// `Main`: the token form, tabs, filters and the 2-second refresh; says plainly when the
    /// token is missing or refused, or when the runner has no admin token.
    static let mainScript = #"""
        'use strict';
        const Main = (() => {
          const { token, api, notice, clearNotice } = Hookline;
          let authorized = false;

          /** Reports a failed call; a missing or refused token asks for the token again. */
          function failed(error) {
            if (error.kind === 'refused' || error.kind === 'missing' || error.kind === 'off') {
              authorized = false;
              document.getElementById('main').hidden = true;
              if (error.kind === 'refused') token.clear();
              Runs.clear();
              Flows.clear();
              showTokenForm(error.kind !== 'off');
            }
            notice(error.message, error.kind === 'missing' ? 'info' : 'error');
          }

          function showTokenForm(focus) {
            const saved = authorized && token.get() !== '';
            document.getElementById('token-form').classList.toggle('saved', saved);
            document.getElementById('token').placeholder = saved ? 'saved in this tab' : 'server.adminToken';
            document.getElementById('token-forget').hidden = !saved;
            document.getElementById('token-use').textContent = saved ? 'Change' : 'Use token';
            if (focus) document.getElementById('token').focus();
          }

          async function loadAll() {
            try {
              await Flows.loadList();
              authorized = true;
              document.getElementById('main').hidden = false;
              clearNotice();
              showTokenForm(false);
              await Runs.refresh();
              if (!document.getElementById('view-flows').hidden) await Flows.show();
            } catch (error) {
              failed(error);
            }
          }

          /** Without a token, asks the API without one: 403 means the runner has no admin token. */
          async function start() {
            if (token.get()) return loadAll();
            try {
              await api('flows', { anonymous: true });
            } catch (error) {
              failed(error);
            }
          }

          function selectTab(name) {
            for (const tab of ['runs', 'flows']) {
              const button = document.getElementById('tab-' + tab);
              button.setAttribute('aria-selected', String(tab === name));
              button.tabIndex = tab === name ? 0 : -1;
              document.getElementById('view-' + tab).hidden = tab !== name;
            }
            document.getElementById('tab-' + name).focus();
            if (name === 'flows' && authorized) Flows.show().catch(failed);
          }

          document.getElementById('token-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const input = document.getElementById('token');
            const value = input.value.trim();
            input.value = '';
            if (!value) return notice('Enter the admin token first.', 'error');
            token.set(value);
            loadAll();
          });
          document.getElementById('token-forget').addEventListener('click', () => {
            token.clear();
            authorized = false;
            document.getElementById('main').hidden = true;
            Runs.clear();
            Flows.clear();
            showTokenForm(true);
            notice('The token is forgotten. Enter it again to see runs.');
          });
          document.getElementById('tab-runs').addEventListener('click', () => selectTab('runs'));
          document.getElementById('tab-flows').addEventListener('click', () => selectTab('flows'));
          document.querySelector('.tabs').addEventListener('keydown', (event) => {
            if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
              selectTab(document.getElementById('view-runs').hidden ? 'runs' : 'flows');
            }
          });
          const reload = () => { if (authorized) Runs.refresh().catch(failed); };
          document.getElementById('filter-flow').addEventListener('change', reload);
          document.getElementById('filter-status').addEventListener('change', reload);
          document.getElementById('refresh').addEventListener('click', reload);
          setInterval(() => {
            if (document.getElementById('auto-refresh').checked && !document.hidden) reload();
          }, 2000);
          start();
          return { failed };
        })();
        """#
}
