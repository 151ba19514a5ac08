extension RunLogPage {
    /// `Hookline`: building DOM from text only, the token in `sessionStorage`, the API client
    /// (token as a bearer header, never in a URL), notices and formatting.
    static let commonScript = #"""
        'use strict';
        const Hookline = (() => {
          const TOKEN_KEY = 'hookline.adminToken';

          /** An element with attributes and children. Strings become text nodes: data is never parsed as HTML. */
          function el(tag, attrs, ...children) {
            const node = document.createElement(tag);
            for (const [name, value] of Object.entries(attrs || {})) {
              if (value === undefined || value === null || value === false) continue;
              if (name === 'class') node.className = value;
              else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
              else node.setAttribute(name, value === true ? '' : String(value));
            }
            for (const child of children.flat(Infinity)) {
              if (child === undefined || child === null || child === false) continue;
              node.append(child instanceof Node ? child : document.createTextNode(String(child)));
            }
            return node;
          }

          const token = {
            get: () => sessionStorage.getItem(TOKEN_KEY) || '',
            set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
            clear: () => sessionStorage.removeItem(TOKEN_KEY),
          };

          /** A failed API call: kind is missing, refused, off, network or http. */
          class APIError extends Error {
            constructor(kind, message, status) {
              super(message);
              this.kind = kind;
              this.status = status;
            }
          }

          /** Calls /api/PATH with the token as `Authorization: Bearer`; resolves to the JSON body. */
          async function api(path, options = {}) {
            const headers = { Accept: 'application/json' };
            const value = options.anonymous ? '' : token.get();
            if (value) headers.Authorization = 'Bearer ' + value;
            let response;
            try {
              response = await fetch('/api/' + path, { method: options.method || 'GET', headers, cache: 'no-store', credentials: 'omit' });
            } catch (error) {
              throw new APIError('network', 'The runner did not answer. Is hookline run still running? (' + error.message + ')');
            }
            let body = null;
            try { body = await response.json(); } catch (_) { body = null; }
            if (response.ok) return body;
            if (response.status === 403) {
              throw new APIError('off', 'The operator API is off: this runner has no server.adminToken in its config. '
                + 'Add one (16 or more random characters) and restart hookline run.', 403);
            }
            if (response.status === 401) {
              throw value
                ? new APIError('refused', 'The admin token was refused. Enter the server.adminToken of this runner\'s config.', 401)
                : new APIError('missing', 'Enter the admin token (server.adminToken in the runner\'s config) to see runs and flows.', 401);
            }
            const said = body && typeof body.error === 'string' ? body.error : 'HTTP ' + response.status;
            throw new APIError('http', said, response.status);
          }

          /** Shows `message` above the views; kind is info, ok or error. */
          function notice(message, kind = 'info') {
            const box = document.getElementById('notice');
            box.textContent = message;
            box.className = 'notice ' + kind;
            box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
            box.hidden = false;
          }

          function clearNotice() {
            const box = document.getElementById('notice');
            box.hidden = true;
            box.textContent = '';
          }

          /** A <time> in local time (without the year when `short`), the exact UTC time as its title. */
          function time(iso, short = false) {
            if (!iso) return '—';
            const date = new Date(iso);
            const text = isNaN(date) ? iso : date.toLocaleString(undefined, {
              year: short ? undefined : 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
            return el('time', { datetime: iso, title: iso }, text);
          }

          function duration(ms) {
            if (typeof ms !== 'number') return '—';
            return ms < 1000 ? ms.toFixed(ms < 10 ? 1 : 0) + ' ms' : (ms / 1000).toFixed(2) + ' s';
          }

          function badge(status) {
            return el('span', { class: 'badge ' + status }, status);
          }

          /** `text` as indented JSON when it is JSON, else as it is. */
          function pretty(text) {
            if (typeof text !== 'string') return JSON.stringify(text, null, 2);
            try { return JSON.stringify(JSON.parse(text), null, 2); } catch (_) { return text; }
          }

          return { el, token, api, APIError, notice, clearNotice, time, duration, badge, pretty, flows: [] };
        })();
        """#
}
