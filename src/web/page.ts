/** The support-site page `npm start` serves at `/`: help text, a progress line, and the official Web Chat widget. */

/** Where the page gets its token and the widget bundle; both are served by this app. */
export const TOKEN_PATH = '/webchat/token';
export const WEBCHAT_JS_PATH = '/webchat.js';

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2733; background: #f4f6f9; }
  header { background: #123b6d; color: #fff; padding: 14px 32px; font-weight: 600; }
  main { display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 32px; max-width: 1200px; margin: 24px auto; padding: 0 24px; }
  article h1 { font-size: 1.6rem; margin-top: 0; }
  article code { background: #e6ebf2; padding: 1px 4px; border-radius: 3px; }
  aside { display: flex; flex-direction: column; height: calc(100vh - 110px); min-height: 520px; background: #fff; border: 1px solid #d5dce6; border-radius: 8px; overflow: hidden; }
  aside h2 { margin: 0; padding: 12px 16px 4px; font-size: 1.05rem; }
  #progress { margin: 0; padding: 0 16px 10px; color: #45607f; font-size: .92rem; border-bottom: 1px solid #d5dce6; min-height: 1.9em; }
  #webchat { flex: 1; min-height: 0; }
  @media (max-width: 900px) { main { grid-template-columns: 1fr; } aside { height: 640px; } }
`;

// Runs in the browser: fetch a token from our server, render Web Chat, and follow channelData.softbounce.
const SCRIPT = `
  const progress = document.getElementById('progress');
  const outcomes = {
    resolved: 'Resolved: your mail is going through again',
    escalated: 'Handed to our support team',
    routed: 'Pointed to the right guide',
  };
  const titleOf = (stepId) => stepId.replace(/_/g, ' ');
  function showProgress(position) {
    const outcome = outcomes[position.status];
    if (outcome) { progress.textContent = outcome; return; }
    if (!position.stepCount || !position.stepNumber) { progress.textContent = ''; return; }
    const title = position.stepTitle || titleOf(position.stepId);
    const waiting = position.status === 'waiting_followup' ? ' (we will check back with you)' : '';
    progress.textContent = 'Step ' + position.stepNumber + ' of ' + position.stepCount + ': ' + title + waiting;
  }
  const store = window.WebChat.createStore({}, () => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
      const position = action.payload.activity.channelData && action.payload.activity.channelData.softbounce;
      if (position) showProgress(position);
    }
    return next(action);
  });
  // A reload keeps the conversation while its token lives: refresh the saved token, else start afresh.
  const SAVED = 'softbounce-webchat';
  async function session() {
    const saved = JSON.parse(sessionStorage.getItem(SAVED) || 'null');
    if (saved) {
      const refreshed = await fetch('/v3/directline/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + saved.token } });
      if (refreshed.ok) return { ...(await refreshed.json()), resume: true };
    }
    const fresh = await fetch('${TOKEN_PATH}', { method: 'POST' });
    return fresh.ok ? { ...(await fresh.json()), resume: false } : undefined;
  }
  (async () => {
    const chat = await session();
    if (!chat) { progress.textContent = 'The chat is unavailable right now. Please reload the page.'; return; }
    sessionStorage.setItem(SAVED, JSON.stringify({ token: chat.token, conversationId: chat.conversationId }));
    // Default options: Web Chat opens the WebSocket stream, so check-backs and agents' messages show at once.
    const directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      token: chat.token,
      ...(chat.resume ? { conversationId: chat.conversationId } : {}),
    });
    window.WebChat.renderWebChat(
      { directLine, store, locale: 'en-GB', styleOptions: { hideUploadButton: true, suggestedActionLayout: 'flow' } },
      document.getElementById('webchat'),
    );
  })();
`;

/** The whole page as HTML. */
export function renderSupportPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Mail delivery help - Support</title>
  <style>${STYLE}</style>
</head>
<body>
  <header>Hosting Support Centre</header>
  <main>
    <article>
      <h1>My emails are delayed or bouncing with 421</h1>
      <p>A <code>421</code> reply ("try again later") means the receiving server did not accept your message
      <em>for now</em>. Your mail server keeps the message and retries on its own, usually for up to a few days,
      so most of these delays clear without you doing anything.</p>
      <p>If it keeps happening, the chat on this page walks you through the six checks our support team would do:
      the full error message, waiting before you retry, how much you send at once, the recipient's server,
      a simple test email, and your delivery report. When the problem persists, it asks a person on our team
      to step in.</p>
      <p>Paste the bounce message into the chat: it reads the error codes for you.</p>
    </article>
    <aside aria-label="Mail delivery assistant">
      <h2>Mail delivery assistant</h2>
      <p id="progress" aria-live="polite"></p>
      <div id="webchat" role="main"></div>
    </aside>
  </main>
  <script src="${WEBCHAT_JS_PATH}"></script>
  <script>${SCRIPT}</script>
</body>
</html>`;
}
