/* The agent console. Everything shown is built with textContent: customer text and file names are never HTML. */
(() => {
  const $ = (id) => document.getElementById(id);
  const KEY = 'qsee.agent.token';
  let token = sessionStorage.getItem(KEY);
  let me = null;
  let current = null; // the claim on screen
  let stream = null;
  let typingTimer = null;

  const REASONS = {
    customer_request: 'Asked for a person',
    customer_upset: 'Customer upset',
    ambiguous_purchase_date: 'Purchase date unclear',
    unclear_proof: 'Proof of purchase unclear',
    uncertain_condition: 'Unsure about an excluded condition',
    repeated_misunderstanding: 'Bot kept misunderstanding',
  };

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
    return node;
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: {
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        Authorization: `Bearer ${token}`,
        ...(options.headers || {}),
      },
    });
    if (response.status === 401) {
      signOut();
      throw new Error('Your session has ended; please sign in again.');
    }
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) throw new Error(body?.error?.message || `Request failed (${response.status})`);
    return body;
  }

  /** Every page of a list: the API pages its lists and names the next page in a Link header. */
  async function apiAll(path) {
    const items = [];
    let next = path;
    while (next) {
      const response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
      if (response.status === 401) {
        signOut();
        throw new Error('Your session has ended; please sign in again.');
      }
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error?.message || `Request failed (${response.status})`);
      items.push(...body);
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') || '')?.[1] || null;
    }
    return items;
  }

  const ACTIONS = {
    hand_off: 'handed to a person',
    decide: 'decided',
    cancel: 'cancelled',
    start_over: 'started over',
    accept: 'accepted',
    take_over: 'taken over',
    resolve: 'resolved',
    return_to_bot: 'returned to the assistant',
    close: 'closed',
    assign: 'assigned',
    requeue: 'back in the queue',
    expire: 'expired',
  };
  const who = (entry) =>
    entry.actorKind === 'bot' ? 'assistant' : entry.actorKind === 'system' ? `system (${entry.actorId})` : entry.actorId || entry.actorKind;

  function show(view) {
    $('login-view').hidden = view !== 'login';
    $('console-view').hidden = view !== 'console';
    $('logout').hidden = view !== 'console';
  }

  function signOut() {
    if (token) fetch('/api/agent/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => {});
    token = null;
    sessionStorage.removeItem(KEY);
    if (stream) stream.close();
    $('who').textContent = '';
    show('login');
  }

  const waited = (iso) => {
    const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
    return minutes < 1 ? 'just now' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  };
  const oneLine = (c) =>
    [c.product.model || c.product.text, c.purchase.date || c.purchase.text, c.problem.text].filter(Boolean).join(' · ') || 'No details yet';

  async function refreshLists() {
    const [queue, mine] = await Promise.all([
      apiAll('/api/agent/queue?limit=500'),
      apiAll('/api/agent/claims?status=with_agent&limit=500'),
    ]);
    $('queue-count').textContent = String(queue.length);
    $('queue').replaceChildren(
      ...queue.map((c) =>
        el(
          'li',
          { 'data-claim': c.id },
          el('div', { class: 'reason', text: REASONS[c.handoff.reason] || c.handoff.reason || 'Waiting' }),
          el('div', { class: 'meta', text: `waiting ${waited(c.handoff.requestedAt || c.createdAt)}` }),
          el('div', { text: oneLine(c) }),
          el(
            'div',
            { class: 'actions' },
            el('button', { type: 'button', text: 'Accept', onclick: () => accept(c.id) }),
            el('button', { type: 'button', class: 'secondary', text: 'View', onclick: () => open(c.id) }),
          ),
        ),
      ),
    );
    if (!queue.length) $('queue').append(el('li', { class: 'meta', text: 'Nobody is waiting.' }));
    $('mine').replaceChildren(
      ...mine
        .filter((c) => c.handoff.agent === me.username)
        .map((c) =>
          el(
            'li',
            {},
            el('div', { text: oneLine(c) }),
            el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Open', onclick: () => open(c.id) })),
          ),
        ),
    );
  }

  async function accept(id) {
    try {
      await api(`/api/agent/claims/${encodeURIComponent(id)}/accept`, { method: 'POST' });
      await open(id);
    } catch (error) {
      alert(error.message);
    }
    refreshLists();
  }

  function messageNode(entry) {
    const who = entry.from === 'customer' ? 'Customer' : entry.from === 'agent' ? 'Agent' : 'Assistant';
    const files = (entry.attachments || []).map((a) => `📎 ${a.name || 'file'}`).join('\n');
    return el(
      'div',
      { class: `msg ${entry.from}` },
      el('span', { class: 'from', text: who }),
      [entry.text, files].filter(Boolean).join('\n'),
    );
  }

  async function open(id) {
    const claim = await api(`/api/agent/claims/${encodeURIComponent(id)}`);
    const notes = await apiAll(`/api/agent/claims/${encodeURIComponent(id)}/notes`);
    const canned = await api('/api/agent/canned');
    current = claim;
    const mineNow = claim.status === 'with_agent' && claim.handoff.agent === me.username;
    const transcript = el(
      'div',
      { class: 'transcript', id: 'transcript', role: 'log', 'aria-label': 'Conversation' },
      ...claim.transcript.map(messageNode),
    );
    const input = el('textarea', {
      id: 'reply',
      rows: '2',
      'aria-label': 'Message to the customer',
      placeholder: mineNow ? 'Write to the customer…' : 'Accept the claim to reply',
    });
    input.disabled = !mineNow;
    input.addEventListener('input', () => {
      if (typingTimer) return;
      typingTimer = setTimeout(() => (typingTimer = null), 3000);
      api(`/api/agent/claims/${encodeURIComponent(id)}/typing`, { method: 'POST' }).catch(() => {});
    });
    const problem = el('p', { class: 'error', role: 'alert' });
    const send = el('button', {
      type: 'button',
      text: 'Send',
      onclick: async () => {
        const text = input.value.trim();
        if (!text) return;
        problem.textContent = '';
        try {
          await api(`/api/agent/claims/${encodeURIComponent(id)}/messages`, { method: 'POST', body: JSON.stringify({ text }) });
        } catch (error) {
          // the text stays in the box, so it can be sent again
          problem.textContent = error.message;
          send.parentNode?.append(problem);
          return;
        }
        input.value = '';
        open(id);
      },
    });
    send.disabled = !mineNow;
    const cannedSelect = el(
      'select',
      {
        'aria-label': 'Canned replies',
        onchange: (e) => {
          input.value = e.target.value;
          e.target.selectedIndex = 0;
          input.focus();
        },
      },
      el('option', { value: '', text: 'Canned replies…' }),
      ...canned.map((c) => el('option', { value: c.text, text: c.text.slice(0, 80) })),
    );
    cannedSelect.disabled = !mineNow;

    const files = el('div', { class: 'files' });
    for (const f of claim.proof.files) {
      const link = el('button', { type: 'button', class: 'secondary', text: `Preview ${f.name} (${Math.round(f.size / 1024)} KB)` });
      link.addEventListener('click', async () => {
        const response = await fetch(`/api/agent/files/${encodeURIComponent(f.id)}`, { headers: { Authorization: `Bearer ${token}` } });
        if (!response.ok) {
          const why =
            response.status === 404
              ? `${f.name} is no longer kept (files are deleted after the retention period).`
              : 'Could not load the file.';
          files.append(el('p', { class: 'error', text: why }));
          return;
        }
        const url = URL.createObjectURL(await response.blob());
        files.append(
          f.contentType.startsWith('image/') && f.contentType !== 'image/heic'
            ? el('img', { src: url, alt: `Proof of purchase: ${f.name}` })
            : el('a', { href: url, target: '_blank', rel: 'noopener', text: `Open ${f.name}` }),
        );
      });
      files.append(link);
    }
    const p = claim.purchase;
    const details = el(
      'div',
      { class: 'details' },
      el('h2', { text: `Claim ${claim.id.slice(0, 8)}` }),
      el(
        'dl',
        {},
        el('dt', { text: 'Status' }),
        el('dd', { text: claim.status.replace('_', ' ') }),
        el('dt', { text: 'Hand-off' }),
        el('dd', { text: REASONS[claim.handoff.reason] || '—' }),
        el('dt', { text: 'Product' }),
        el('dd', { text: `${claim.product.text || '—'}${claim.product.model ? ` (${claim.product.model})` : ''}` }),
        el('dt', { text: 'Bought (said)' }),
        el('dd', { text: p.text || '—' }),
        el('dt', { text: 'Bought (read)' }),
        el('dd', { text: p.date || (p.earliest ? `${p.earliest} – ${p.latest}` : p.readings.join(' or ')) || '—' }),
        el('dt', { text: 'Proof' }),
        el('dd', {}, `${claim.proof.type || '—'}; ${claim.proof.files.length} file(s)`, files),
        el('dt', { text: 'Problem' }),
        el('dd', { text: claim.problem.text || '—' }),
        el('dt', { text: 'Conditions' }),
        el('dd', {
          text:
            [...claim.conditions.exclusions.map((c) => `${c} (stated)`), ...claim.conditions.unsure.map((c) => `${c} (unsure)`)].join(
              ', ',
            ) || 'none reported',
        }),
        el('dt', { text: 'Bot thought' }),
        el('dd', { text: claim.decision.bot ? `${claim.decision.bot.outcome} ${claim.decision.bot.reasons.join(', ')}` : 'no decision' }),
        el('dt', { text: 'Call-back' }),
        el('dd', { text: claim.handoff.callbackEmail || '—' }),
      ),
    );
    const reasonSelect = el(
      'select',
      { 'aria-label': 'Reason it is not covered' },
      el('option', { value: 'outside_warranty_period', text: 'Outside the 30-day warranty' }),
      el('option', { value: 'excluded_condition', text: 'Excluded condition' }),
    );
    const note = el('input', { 'aria-label': 'Note for the decision', placeholder: 'Note (optional)' });
    const resolve = (outcome, reasons) => async () => {
      await api(`/api/agent/claims/${encodeURIComponent(id)}/resolve`, {
        method: 'POST',
        body: JSON.stringify({ outcome, reasons, note: note.value || null }),
      });
      await open(id);
      refreshLists();
    };
    const action = (path) => async () => {
      await api(`/api/agent/claims/${encodeURIComponent(id)}/${path}`, { method: 'POST' });
      await open(id);
      refreshLists();
    };
    const actions = el(
      'div',
      { class: 'panel' },
      el('h3', { text: 'Decide' }),
      el('button', { type: 'button', text: 'Issue RMA (covered)', onclick: resolve('covered', []) }),
      reasonSelect,
      el('button', { type: 'button', class: 'danger', text: 'Not covered', onclick: () => resolve('not_covered', [reasonSelect.value])() }),
      el('button', {
        type: 'button',
        class: 'secondary',
        text: 'Ask for proof (awaiting proof)',
        onclick: resolve('awaiting_proof', ['no_proof_of_purchase']),
      }),
      note,
      el('button', { type: 'button', class: 'secondary', text: 'Return to the assistant', onclick: action('return-to-bot') }),
      el('button', {
        type: 'button',
        class: 'secondary',
        'data-action': 'close',
        text: 'Close without a decision',
        onclick: action('close'),
      }),
    );
    for (const b of actions.querySelectorAll('button')) b.disabled = !mineNow;
    // an admin may close any open claim; taking one over from the queue or another agent is explicit
    const isAdmin = me.role === 'admin';
    if (isAdmin && claim.status !== 'closed') actions.querySelector('[data-action="close"]').disabled = false;
    if (isAdmin && !mineNow && (claim.status === 'pending_agent' || claim.status === 'with_agent'))
      actions.prepend(el('button', { type: 'button', text: 'Take over', onclick: action('take-over') }));
    const history = el(
      'div',
      { class: 'panel' },
      el('h3', { text: 'History' }),
      el(
        'ol',
        { class: 'audit' },
        ...(claim.audit || []).map((e) =>
          el('li', {
            text: `${new Date(e.at).toLocaleString()} — ${ACTIONS[e.action] || e.action} by ${who(e)} (${e.from.replace('_', ' ')} → ${e.to.replace('_', ' ')})`,
          }),
        ),
      ),
    );
    const noteInput = el('input', { 'aria-label': 'Private note', placeholder: 'Private note (agents only)' });
    const notesPanel = el(
      'div',
      { class: 'panel' },
      el('h3', { text: 'Private notes' }),
      el('ul', { class: 'notes' }, ...notes.map((n) => el('li', { text: `${n.author}: ${n.text}` }))),
      noteInput,
      el('button', {
        type: 'button',
        class: 'secondary',
        text: 'Add note',
        onclick: async () => {
          if (!noteInput.value.trim()) return;
          await api(`/api/agent/claims/${encodeURIComponent(id)}/notes`, {
            method: 'POST',
            body: JSON.stringify({ text: noteInput.value }),
          });
          open(id);
        },
      }),
    );
    const accept =
      claim.status === 'pending_agent'
        ? el('button', { type: 'button', text: 'Accept this claim', onclick: () => window.agentAccept(id) })
        : '';
    $('case').replaceChildren(
      el(
        'div',
        {},
        accept,
        transcript,
        el('div', { class: 'typing', id: 'typing' }),
        el('div', { class: 'composer' }, input, send),
        cannedSelect,
      ),
      el('div', {}, details, actions, history, notesPanel),
    );
    transcript.scrollTop = transcript.scrollHeight;
  }
  window.agentAccept = accept;

  function connect() {
    stream = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/agent/stream`, [
      'qsee.agent',
      `token.${token}`,
    ]);
    stream.addEventListener('message', (e) => {
      const event = JSON.parse(e.data);
      if (event.type === 'claim.updated') {
        // every turn updates its claim: the lists are read again only when a claim changes hands or status
        const claim = event.claim;
        const placement = `${claim.status}|${claim.handoff?.agent ?? ''}`;
        if (placements.get(claim.id) !== placement) {
          placements.set(claim.id, placement);
          refreshSoon();
        }
        if (current && claim.id === current.id && (claim.status !== current.status || claim.handoff?.agent !== current.handoff?.agent))
          open(current.id);
      } else if (event.type === 'customer.message' && current && event.claimId === current.id) {
        $('transcript').append(messageNode({ from: 'customer', text: event.text, attachments: event.attachments }));
        $('transcript').scrollTop = $('transcript').scrollHeight;
        $('typing').textContent = '';
      } else if (event.type === 'customer.typing' && current && event.claimId === current.id) {
        $('typing').textContent = 'The customer is typing…';
      }
    });
    stream.addEventListener('close', () => {
      if (token) setTimeout(connect, 2000);
    });
  }

  /** Claim id → "status|agent" as last seen on the stream. */
  const placements = new Map();
  let refreshTimer = null;
  /** Reads the lists again at most twice a second, however many claims change at once. */
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      refreshLists().catch(() => {});
    }, 500);
  }

  async function enter() {
    me = await api('/api/agent/me');
    $('who').textContent = `${me.displayName} (${me.role})`;
    show('console');
    await refreshLists();
    connect();
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('/api/agent/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('login-error').textContent = body?.error?.message || 'Sign-in failed.';
      return;
    }
    token = body.token;
    sessionStorage.setItem(KEY, token);
    enter().catch((error) => ($('login-error').textContent = error.message));
  });
  $('logout').addEventListener('click', signOut);

  if (token) enter().catch(() => show('login'));
  else show('login');
})();
