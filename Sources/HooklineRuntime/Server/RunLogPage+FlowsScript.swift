extension RunLogPage {
    /// `Flows`: the flow filter's choices and, per flow, the trigger's event fields (type,
    /// required) and each step's action fields beside the mapping that fills them.
    static let flowsScript = #"""
        'use strict';
        const Flows = (() => {
          const { el, api } = Hookline;

          /** Loads /api/flows: the filter's choices and the step names the runs view shows. */
          async function loadList() {
            const { flows } = await api('flows');
            Hookline.flows = flows;
            const select = document.getElementById('filter-flow');
            const chosen = select.value;
            select.replaceChildren(el('option', { value: '' }, 'All flows'), ...flows.map((flow) => el('option', { value: flow.id }, flow.id)));
            select.value = flows.some((flow) => flow.id === chosen) ? chosen : '';
          }

          /** Loads every flow's schema and mappings (/api/flows/{id}) into the flows view. */
          async function show() {
            const details = await Promise.all(Hookline.flows.map((flow) => api('flows/' + encodeURIComponent(flow.id))));
            const list = document.getElementById('flow-list');
            list.replaceChildren(...details.map(card));
            if (!details.length) list.append(el('p', { class: 'empty' }, 'This runner has no flows.'));
          }

          function clear() {
            document.getElementById('flow-list').replaceChildren();
          }

          function card(flow) {
            const trigger = flow.trigger;
            const options = trigger.options && Object.keys(trigger.options).length ? trigger.options : null;
            return el('article', { class: 'flow', 'data-flow': flow.id, 'aria-labelledby': 'flow-' + flow.id },
              el('div', { class: 'flow-head' },
                el('h2', { id: 'flow-' + flow.id }, flow.id),
                el('span', { class: 'muted' }, 'trigger ', el('code', {}, trigger.connector + ' · ' + trigger.trigger), ' (' + trigger.name + ')'),
                el('span', { class: 'badge ' + (trigger.verified ? 'succeeded' : 'skipped') }, trigger.verified ? 'verified' : 'not verified')),
              trigger.summary ? el('p', { class: 'muted' }, trigger.summary) : null,
              trigger.skipped && trigger.skipped.count
                ? el('p', { class: 'skips' }, trigger.skipped.count + ' event' + (trigger.skipped.count === 1 ? '' : 's')
                    + ' skipped by the filter since the runner started; last at ' + trigger.skipped.lastAt + ': ' + trigger.skipped.lastReason)
                : null,
              el('div', { class: 'flow-body' },
                el('section', {},
                  options ? [el('h3', {}, 'Trigger options'), el('pre', {}, JSON.stringify(options, null, 2))] : null,
                  el('h3', {}, 'Event fields'),
                  trigger.schemaOrigin ? el('p', { class: 'muted' }, 'From ' + trigger.schemaOrigin
                    + (trigger.schemaIsOpen ? '; events may hold other fields (unknown paths are warnings)' : '')) : null,
                  fieldTable(trigger.fields, null, 'Fields of the events ' + flow.id + ' receives')),
                el('section', {}, flow.steps.map((step, index) => stepView(step, index)))));
          }

          function stepView(step, index) {
            const notes = ['connection ' + step.connection, 'at most ' + step.maxAttempts + ' attempt' + (step.maxAttempts === 1 ? '' : 's')];
            if (step.merge) notes.push('output merged into the event');
            return el('section', { class: 'step', 'data-step': step.id },
              el('h3', {}, 'Step ' + (index + 1) + ': ' + step.id,
                el('span', { class: 'muted' }, step.connector + ' · ' + step.actionName + ' (' + step.action + ')')),
              el('p', { class: 'muted' }, notes.join(' · ')),
              step.condition ? el('p', {}, 'Runs when ', el('code', {}, step.condition), ' is not empty or false.') : null,
              fieldTable(step.inputFields, step.mapping || {}, 'Action fields of ' + step.id + ' and their mapping'));
          }

          /** Fields (nested ones indented) with type and required; with `mapping`, what fills each. */
          function fieldTable(fields, mapping, caption) {
            const rows = [];
            const hints = !mapping && JSON.stringify(fields || []).includes('"hint"');
            const add = (field, depth) => {
              const mapped = depth === 0 && mapping ? mapping[field.name] : undefined;
              rows.push(el('tr', { 'data-field': field.name },
                el('td', { class: 'name depth-' + Math.min(depth, 4) }, field.name),
                el('td', {}, typeName(field)),
                el('td', { class: field.optional ? 'opt' : 'req' }, field.optional ? 'optional' : 'required'),
                mapping ? el('td', { class: mapped === undefined ? 'unmapped' : 'mono' }, mapped === undefined ? (depth === 0 ? 'not mapped' : '') : expression(mapped))
                  : hints ? el('td', { class: 'muted' }, field.hint || '') : null));
              for (const child of field.properties || []) add(child, depth + 1);
            };
            for (const field of fields || []) add(field, 0);
            const known = new Set((fields || []).map((field) => field.name));
            for (const [name, value] of Object.entries(mapping || {})) {
              if (!known.has(name)) rows.push(el('tr', { 'data-field': name }, el('td', { class: 'name' }, name), el('td', {}, '—'), el('td', {}, '—'), el('td', { class: 'mono' }, expression(value))));
            }
            return el('table', { class: 'fields' }, el('caption', {}, caption),
              el('thead', {}, el('tr', {}, ['Field', 'Type', 'Required', mapping ? 'Mapping' : hints ? 'Notes' : null]
                .filter(Boolean).map((name) => el('th', { scope: 'col' }, name)))),
              el('tbody', {}, rows));
          }

          function typeName(field) {
            let text = field.type + (field.of ? ' of ' + field.of : '');
            const format = field.format || field.control_type;
            if (format) text += ' (' + format + ')';
            if (field.nullable) text += ', nullable';
            return text;
          }

          function expression(value) {
            return typeof value === 'string' ? value : JSON.stringify(value);
          }

          return { loadList, show, clear };
        })();
        """#
}
