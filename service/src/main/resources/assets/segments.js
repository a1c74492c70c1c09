// The segment rule builder (console, Segments page). It shows the rule tree in the hidden field
// #seg-rules as nested groups (all / any) of rules, each of which may be negated (not), and writes
// the tree back as JSON, the shape POST /api/segments takes, whenever a rule changes. It then fires
// "rules-changed" on <body>, on which htmx posts the form for the live count. Problems the server
// reports by JSON path (rules.all[1].not.value) are shown at the rule they concern: every rule
// element carries the path its JSON has, as data-path. No inline handlers (the CSP forbids them).
(function () {
  'use strict';
  var root = document.getElementById('builder');
  var hidden = document.getElementById('seg-rules');
  if (!root || !hidden) {
    return;
  }
  var schema = JSON.parse(root.getAttribute('data-schema'));
  var fields = {};
  schema.fields.forEach(function (f) { fields[f.name] = f; });
  var KINDS = [['field', 'Profile field'], ['bought', 'Bought'], ['engaged', 'Opened or clicked'],
    ['likelyBuyers', 'Likely buyers']];
  var CONTROLS = {value: 'rb-value', op: 'rb-op', field: 'rb-fieldname', withinDays: 'rb-days',
    top: 'rb-top', product: 'rb-ref', category: 'rb-ref', event: 'rb-event', all: 'rb-mode',
    any: 'rb-mode'};
  var uid = 0;
  var top;
  var last = '';
  var dirty = false;
  var saveErrors = readErrors(document.getElementById('save-errors'));

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  // A labelled control: <span class="rb-field"><label>text</label>control</span>.
  function labelled(text, control, cls) {
    uid += 1;
    control.id = 'rb-' + uid;
    control.classList.add(cls);
    return el('span', {'class': 'rb-field'}, [el('label', {'for': control.id, text: text}), control]);
  }

  function select(options, value) {
    var s = el('select');
    options.forEach(function (o) {
      var opt = el('option', {value: o[0], text: o[1]});
      if (String(o[0]) === String(value)) { opt.selected = true; }
      s.appendChild(opt);
    });
    return s;
  }

  function input(type, value, attrs) {
    var i = el('input', Object.assign({type: type}, attrs || {}));
    i.value = value === undefined || value === null ? '' : String(value);
    return i;
  }

  function bar(isGroup, negated, isRoot) {
    var b = el('div', {'class': 'rb-bar'});
    if (!isRoot) {
      var not = input('checkbox');
      not.checked = negated;
      b.appendChild(labelled('Not', not, 'rb-not'));
      b.appendChild(el('button', {type: 'button', 'class': 'rb-remove secondary', text: 'Remove',
        'aria-label': isGroup ? 'Remove this group' : 'Remove this rule'}));
    }
    return b;
  }

  // Builds the element of JSON node json; negations (not, neverBought) become the Not box.
  function build(json, isRoot) {
    var negated = false;
    while (json && typeof json === 'object' && 'not' in json && Object.keys(json).length === 1) {
      negated = !negated;
      json = json.not;
    }
    if (json && json.neverBought) {
      negated = !negated;
      json = {bought: json.neverBought};
    }
    return json && (Array.isArray(json.all) || Array.isArray(json.any))
      ? group(json, negated, isRoot) : rule(json || {}, negated);
  }

  function group(json, negated, isRoot) {
    var mode = Array.isArray(json.any) ? 'any' : 'all';
    var g = el('div', {'class': 'rb-group rb-node' + (isRoot ? ' rb-root' : '')});
    var head = el('div', {'class': 'rb-head'}, [
      labelled('Match', select([['all', 'all of these rules'], ['any', 'any of these rules']], mode),
        'rb-mode'),
      bar(true, negated, isRoot)]);
    var list = el('ol', {'class': 'rb-children'});
    json[mode].forEach(function (child) { list.appendChild(item(build(child, false))); });
    g.appendChild(head);
    g.appendChild(el('p', {'class': 'rb-errors error', hidden: ''}));
    g.appendChild(list);
    g.appendChild(el('div', {'class': 'rb-add'}, [
      el('button', {type: 'button', 'class': 'rb-add-rule secondary', text: 'Add rule'}),
      el('button', {type: 'button', 'class': 'rb-add-group secondary', text: 'Add group'})]));
    return g;
  }

  function item(node) {
    return el('li', {'class': 'rb-item'}, [node]);
  }

  function rule(json, negated) {
    var kind = ['bought', 'engaged', 'likelyBuyers'].filter(function (k) { return json[k]; })[0]
      || 'field';
    var r = el('div', {'class': 'rb-rule rb-node'});
    var parts = el('div', {'class': 'rb-parts'});
    r.appendChild(el('div', {'class': 'rb-head'}, [
      labelled('Rule', select(KINDS, kind), 'rb-kind'), parts, bar(false, negated, false)]));
    r.appendChild(el('p', {'class': 'rb-errors error', hidden: ''}));
    fillParts(parts, kind, kind === 'field' ? json : json[kind] || {});
    return r;
  }

  function fillParts(parts, kind, v) {
    parts.textContent = '';
    parts.setAttribute('data-kind', kind);
    if (kind === 'field') {
      var name = fields[v.field] ? v.field : 'email_consent';
      parts.appendChild(labelled('Field', select(schema.fields.map(function (f) {
        return [f.name, f.label];
      }), name), 'rb-fieldname'));
      var ops = fields[name].ops;
      var op = ops.indexOf(v.op) >= 0 ? v.op : ops[0];
      parts.appendChild(labelled('Is', select(ops.map(function (o) { return [o, o]; }), op),
        'rb-op'));
      values(parts, fields[name].type, op, v.value);
    } else if (kind === 'bought' || kind === 'likelyBuyers') {
      var target = v.category !== undefined ? 'category' : 'product';
      parts.appendChild(labelled('Of', select([['product', 'product id'],
        ['category', 'category path']], target), 'rb-target'));
      parts.appendChild(labelled(target === 'product' ? 'Product id' : 'Category path',
        input('text', v[target], {maxlength: 255}), 'rb-ref'));
      if (kind === 'bought') {
        parts.appendChild(labelled('Within days (blank: ever)', input('number', v.withinDays,
          {min: 1, max: schema.maxWindowDays, step: 1}), 'rb-days'));
      } else {
        parts.appendChild(labelled('Top', input('number', v.top === undefined ? 500 : v.top,
          {min: 1, max: schema.maxTop, step: 1}), 'rb-top'));
      }
    } else {
      parts.appendChild(labelled('Event', select([['open', 'opened a message'],
        ['click', 'clicked a message']], v.event || 'open'), 'rb-event'));
      parts.appendChild(labelled('Within days', input('number', v.withinDays === undefined ? 30
        : v.withinDays, {min: 1, max: schema.maxWindowDays, step: 1}), 'rb-days'));
    }
  }

  function values(parts, type, op, value) {
    var numeric = type === 'integer' || type === 'number';
    var kind = numeric ? 'number' : 'text';
    var attrs = numeric ? {step: type === 'integer' ? 1 : 'any'} : {maxlength: 255};
    if (op === 'between') {
      var pair = Array.isArray(value) ? value : [value, ''];
      parts.appendChild(labelled('From', input(kind, pair[0], attrs), 'rb-value'));
      parts.appendChild(labelled('To', input(kind, pair[1], attrs), 'rb-value2'));
    } else if (op === 'in') {
      var list = Array.isArray(value) ? value.join(', ') : value;
      parts.appendChild(labelled('Values (comma-separated)', input('text', list), 'rb-value'));
    } else if (type === 'boolean') {
      parts.appendChild(labelled('Value', select([['true', 'true'], ['false', 'false']],
        value === false ? 'false' : 'true'), 'rb-value'));
    } else {
      parts.appendChild(labelled('Value', input(kind, Array.isArray(value) ? value[0] : value,
        attrs), 'rb-value'));
    }
  }

  // A typed value from an input's text: what the parser takes for the field's type; anything else
  // is sent as typed, for the server to name the problem at this rule.
  function typed(text, type) {
    var t = String(text).trim();
    if (t === '') { return null; }
    if (type === 'integer' && /^-?\d+$/.test(t)) { return parseInt(t, 10); }
    if (type === 'number' && t !== '' && isFinite(Number(t))) { return Number(t); }
    if (type === 'boolean') { return t === 'true' ? true : t === 'false' ? false : t; }
    return t;
  }

  function whole(text) {
    var t = String(text).trim();
    return /^-?\d+$/.test(t) ? parseInt(t, 10) : t === '' ? null : t;
  }

  // A control of this node's own head (a group's head holds none of its children's controls).
  function own(node, cls) {
    return node.querySelector(':scope > .rb-head .' + cls);
  }

  function serialize(node, path, isRoot) {
    var not = isRoot ? null : own(node, 'rb-not');
    var negated = not && not.checked;
    var at = negated ? path + '.not' : path;
    node.setAttribute('data-path', at);
    var json;
    if (node.classList.contains('rb-group')) {
      var mode = own(node, 'rb-mode').value;
      var children = node.querySelectorAll(':scope > .rb-children > .rb-item > .rb-node');
      json = {};
      json[mode] = Array.prototype.map.call(children, function (c, i) {
        return serialize(c, at + '.' + mode + '[' + i + ']', false);
      });
    } else {
      json = ruleJson(node.querySelector(':scope > .rb-head > .rb-parts'));
    }
    return negated ? {not: json} : json;
  }

  function ruleJson(parts) {
    var kind = parts.getAttribute('data-kind');
    function val(cls) { var e = parts.querySelector('.' + cls); return e ? e.value : ''; }
    if (kind === 'field') {
      var f = fields[val('rb-fieldname')];
      var op = val('rb-op');
      var value;
      if (op === 'between') {
        value = [typed(val('rb-value'), f.type), typed(val('rb-value2'), f.type)];
      } else if (op === 'in') {
        value = val('rb-value').split(',').filter(function (s) { return s.trim() !== ''; })
          .map(function (s) { return typed(s, f.type); });
      } else {
        value = typed(val('rb-value'), f.type);
      }
      return {field: f.name, op: op, value: value};
    }
    var body = {};
    if (kind === 'engaged') {
      body.event = val('rb-event');
      body.withinDays = whole(val('rb-days'));
    } else {
      body[val('rb-target')] = val('rb-ref').trim();
      if (kind === 'bought') {
        var days = whole(val('rb-days'));
        if (days !== null) { body.withinDays = days; }
      } else {
        body.top = whole(val('rb-top'));
      }
    }
    var json = {};
    json[kind] = body;
    return json;
  }

  function sync() {
    var text = JSON.stringify(serialize(top, 'rules', true));
    hidden.value = text;
    if (text !== last) {
      if (last !== '') {
        dirty = true;
        saveErrors = [];
      }
      last = text;
      document.body.dispatchEvent(new CustomEvent('rules-changed'));
    }
  }

  function readErrors(list) {
    if (!list) { return []; }
    return Array.prototype.map.call(list.querySelectorAll('li[data-path]'), function (li) {
      return {path: li.getAttribute('data-path'), text: li.getAttribute('data-reason')};
    });
  }

  // Shows every problem at the deepest rule whose path starts its JSON path.
  function showErrors(errors) {
    root.querySelectorAll('.rb-errors').forEach(function (p) {
      p.textContent = '';
      p.hidden = true;
    });
    root.querySelectorAll('[aria-invalid]').forEach(function (e) {
      e.removeAttribute('aria-invalid');
    });
    var nodes = root.querySelectorAll('.rb-node[data-path]');
    errors.forEach(function (e) {
      var best = null;
      nodes.forEach(function (n) {
        var p = n.getAttribute('data-path');
        var fits = e.path === p || e.path.indexOf(p + '.') === 0 || e.path.indexOf(p + '[') === 0;
        if (fits && (!best || p.length > best.getAttribute('data-path').length)) { best = n; }
      });
      if (!best) { return; }
      var box = best.querySelector(':scope > .rb-errors');
      box.hidden = false;
      box.appendChild(el('span', {text: e.text}));
      box.id = box.id || 'rb-err-' + (++uid);
      // The control the path's last step names (rules.all[0].value: the value box), else the first.
      var rest = e.path.slice(best.getAttribute('data-path').length);
      var key = rest.split('.').pop().replace(/\[.*$/, '');
      var first = (CONTROLS[key] && best.querySelector(':scope > .rb-head .' + CONTROLS[key]))
        || best.querySelector(':scope > .rb-head input, :scope > .rb-head select');
      if (first) {
        first.setAttribute('aria-invalid', 'true');
        first.setAttribute('aria-describedby', box.id);
      }
    });
  }

  function start() {
    var json;
    try {
      json = JSON.parse(hidden.value);
    } catch (e) {
      json = null;
    }
    if (!json || typeof json !== 'object' || !(Array.isArray(json.all) || Array.isArray(json.any))) {
      json = {all: json ? [json] : []};
    }
    root.textContent = '';
    top = build(json, true);
    root.appendChild(top);
    // No "rules-changed" here: htmx counts once when it starts (hx-trigger "load"), after this.
    last = JSON.stringify(serialize(top, 'rules', true));
    hidden.value = last;
    // The form came back with the tree it sent, so the paths of its problems still fit.
    showErrors(saveErrors);
  }

  root.addEventListener('change', function (event) {
    var t = event.target;
    var parts = t.closest('.rb-parts');
    if (t.classList.contains('rb-kind')) {
      fillParts(t.closest('.rb-rule').querySelector(':scope > .rb-head > .rb-parts'), t.value, {});
    } else if (t.classList.contains('rb-fieldname')) {
      fillParts(parts, 'field', {field: t.value});
    } else if (t.classList.contains('rb-op')) {
      var old = parts.querySelector('.rb-value');
      fillParts(parts, 'field', {field: parts.querySelector('.rb-fieldname').value, op: t.value,
        value: old ? old.value : ''});
    } else if (t.classList.contains('rb-target')) {
      var r = parts.querySelector('.rb-ref');
      r.previousSibling.textContent = t.value === 'product' ? 'Product id' : 'Category path';
    }
    sync();
  });
  root.addEventListener('input', sync);
  root.addEventListener('keydown', function (event) {
    // Enter in a rule's box would save the whole form; it only confirms the value here.
    if (event.key === 'Enter' && event.target.tagName === 'INPUT') {
      event.preventDefault();
      sync();
    }
  });
  root.addEventListener('click', function (event) {
    var t = event.target;
    if (t.classList.contains('rb-add-rule') || t.classList.contains('rb-add-group')) {
      var g = t.closest('.rb-group');
      var json = t.classList.contains('rb-add-rule')
        ? {field: 'email_consent', op: '=', value: true}
        : {any: [{field: 'email_consent', op: '=', value: true}]};
      var node = build(json, false);
      g.querySelector(':scope > .rb-children').appendChild(item(node));
      sync();
      node.querySelector('select').focus();
    } else if (t.classList.contains('rb-remove')) {
      var li = t.closest('.rb-item');
      var parent = li.parentElement.closest('.rb-group');
      li.remove();
      sync();
      parent.querySelector(':scope > .rb-add .rb-add-rule').focus();
    }
  });
  document.body.addEventListener('htmx:afterSwap', function (event) {
    if (event.target.id === 'preview') {
      showErrors(readErrors(event.target).concat(dirty ? [] : saveErrors));
    }
  });
  document.body.addEventListener('htmx:responseError', function (event) {
    if (event.target.id === 'preview') {
      event.target.textContent = '';
      event.target.appendChild(el('p', {'class': 'error', text: 'The count could not be refreshed'
        + ' (status ' + event.detail.xhr.status + '). Reload the page and sign in again if asked.'}));
    }
  });
  start();
}());
