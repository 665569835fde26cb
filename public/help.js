/* The help page's chat: Web Chat on our own Direct Line, with helpers driven by channelData.prompt. */
(() => {
  const KEY = 'qsee.chat.session';
  const helper = document.getElementById('helper');
  const errorBox = document.getElementById('chat-error');
  const chatPanel = document.querySelector('.chat');

  function showError(message, offerNewChat = false) {
    errorBox.textContent = message;
    if (offerNewChat) {
      const link = document.createElement('a');
      link.href = '/';
      link.textContent = 'Start a new chat';
      errorBox.append(' ', link);
    }
    errorBox.hidden = false;
  }

  /** An error whose message is written for the customer; `offerNewChat` adds a way to start one. */
  class ChatProblem extends Error {
    constructor(message, offerNewChat = false) {
      super(message);
      this.offerNewChat = offerNewChat;
    }
  }

  /** "in a minute", "in 20 seconds": from a 429's Retry-After. */
  function waitFor(response) {
    const seconds = Number(response.headers.get('Retry-After'));
    if (!Number.isFinite(seconds) || seconds <= 0) return 'in a minute';
    return seconds > 90 ? `in ${Math.ceil(seconds / 60)} minutes` : `in ${Math.ceil(seconds)} seconds`;
  }

  async function newSession() {
    const response = await fetch('/api/directline/token', { method: 'POST' });
    if (response.status === 429)
      throw new ChatProblem(
        `Lots of chats were started from your network just now, so we can't open a new one yet. Please reload the page ${waitFor(response)}.`,
      );
    if (!response.ok) throw new Error(`token ${response.status}`);
    const body = await response.json();
    return { token: body.token, conversationId: body.conversationId, userId: body.userId, resumed: false };
  }

  /** A reload resumes the same conversation while its token can still be refreshed. */
  async function resumeSession() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) || 'null');
      if (!saved?.token) return null;
      const response = await fetch('/v3/directline/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: `Bearer ${saved.token}` },
      });
      if (!response.ok) return null;
      const body = await response.json();
      return { ...saved, token: body.token, resumed: true };
    } catch {
      return null;
    }
  }

  /**
   * The link back to a conversation from our email (/resume/<token>): its token is traded for a session of
   * that same conversation, then leaves the address bar (a reload resumes from localStorage like any chat).
   */
  async function sessionFromLink() {
    const match = /^\/resume\/([^/]+)$/.exec(location.pathname);
    if (!match) return null;
    const response = await fetch('/api/directline/resume', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link: decodeURIComponent(match[1]) }),
    });
    history.replaceState(null, '', '/');
    if (response.status === 410)
      throw new ChatProblem(
        'The link from our email has expired. Your claim is kept: start a new chat and ask for a person, and we will carry on from there.',
        true,
      );
    if (response.status === 404)
      throw new ChatProblem('This link from our email is not valid. Try opening it again from the email, or start a new chat.', true);
    if (response.status === 429)
      throw new ChatProblem(`Lots of chats were opened from your network just now. Please open the link again ${waitFor(response)}.`);
    if (!response.ok) throw new Error(`resume ${response.status}`);
    const body = await response.json();
    return { token: body.token, conversationId: body.conversationId, userId: body.userId, resumed: true };
  }

  /** Whether the server refuses this token because the link in our email opened its conversation elsewhere (403 SESSION_ENDED). */
  async function wasClosedElsewhere(token) {
    try {
      const response = await fetch('/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      if (response.status !== 403) return false;
      return (await response.json())?.error?.code === 'SESSION_ENDED';
    } catch {
      return false;
    }
  }

  const save = (session) =>
    localStorage.setItem(KEY, JSON.stringify({ token: session.token, conversationId: session.conversationId, userId: session.userId }));

  function clearHelper() {
    helper.replaceChildren();
    chatPanel.classList.remove('upload-wanted');
  }

  function button(label, onClick, extra = {}) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    Object.assign(b, extra);
    b.addEventListener('click', onClick);
    return b;
  }

  /** Extra help for the question just asked; Web Chat's own send box and upload button stay. */
  function showHelper(prompt, send) {
    clearHelper();
    if (prompt === 'purchaseDate' || prompt === 'purchaseDateClarify') {
      const label = document.createElement('label');
      label.htmlFor = 'purchase-date';
      label.textContent = 'Pick the purchase date:';
      const input = document.createElement('input');
      input.type = 'date';
      input.id = 'purchase-date';
      input.max = new Date().toISOString().slice(0, 10);
      const go = button(
        'Send date',
        () => {
          if (!input.value) return input.focus();
          const [y, m, d] = input.value.split('-').map(Number);
          const text = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
            timeZone: 'UTC',
            year: 'numeric',
            month: 'long',
            day: 'numeric',
          });
          send(text);
          clearHelper();
        },
        { className: 'primary' },
      );
      helper.append(label, input, go);
    } else if (prompt === 'proofUpload') {
      chatPanel.classList.add('upload-wanted');
      const note = document.createElement('span');
      note.textContent = 'Use the paperclip next to the message box to attach a photo or PDF of your receipt, then press send.';
      helper.append(note);
    } else if (prompt === 'csat') {
      const group = document.createElement('div');
      group.className = 'stars';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', 'Rate this chat from 1 to 5 stars');
      for (let n = 1; n <= 5; n++) {
        group.append(
          button(
            '★'.repeat(1),
            () => {
              send(String(n));
              clearHelper();
            },
            { title: `${n} star${n > 1 ? 's' : ''}`, ariaLabel: `${n} star${n > 1 ? 's' : ''}` },
          ),
        );
      }
      const label = document.createElement('span');
      label.textContent = 'How did we do?';
      helper.append(label, group);
    }
  }

  async function start() {
    let session = (await sessionFromLink()) || (await resumeSession()) || (await newSession());
    save(session);
    const directLine = window.WebChat.createDirectLine({
      domain: `${location.origin}/v3/directline`,
      token: session.token,
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: true,
    });
    // botframework-directlinejs' ConnectionStatus: 3 ExpiredToken (any 403), 4 FailedToConnect, 5 Ended
    let closedHere = false;
    let asking = null;
    directLine.connectionStatus$.subscribe((status) => {
      if (closedHere) return;
      if (status === 4) showError('The chat lost its connection to our server. Please reload the page in a moment.');
      if (status === 3 && !asking) {
        // a 403 is either an expired token or a session that the link in our email closed: the server says which
        asking = wasClosedElsewhere(directLine.token || session.token).then((elsewhere) => {
          asking = null;
          if (closedHere) return;
          if (!elsewhere) return showError('This chat session has expired. Please reload the page to start a new chat.');
          closedHere = true;
          // nothing left to retry: the SDK would otherwise ask again every 20 seconds for a quarter of an hour
          directLine.end();
          showError(
            'This conversation was opened from the link in our email on another device or tab, so it was closed here. To carry on here, open the link from the email again.',
            true,
          );
        });
      }
    });
    const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
        const activity = action.payload.activity;
        if (activity.from && activity.from.role !== 'user' && activity.type === 'message') {
          const prompt = activity.channelData?.prompt;
          if (activity.inputHint === 'expectingInput')
            showHelper(prompt, (text) => dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text } }));
        }
        if (directLine.token && directLine.token !== session.token) {
          session = { ...session, token: directLine.token };
          save(session);
        }
      }
      return next(action);
    });
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: session.userId,
        username: 'You',
        locale: 'en-US',
        sendTypingIndicator: true,
        styleOptions: {
          botAvatarInitials: 'Q',
          userAvatarInitials: 'You',
          hideUploadButton: false,
          accent: '#0a58a8',
          sendBoxButtonColor: '#0a58a8',
        },
      },
      document.getElementById('webchat'),
    );
  }

  start().catch((error) => {
    console.error(error);
    if (error instanceof ChatProblem) showError(error.message, error.offerNewChat);
    else showError('Sorry, the chat could not start. Please reload the page in a moment.');
  });
})();
