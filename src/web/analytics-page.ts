/**
 * The agents' analytics page: a form for the agent token and the period, and the report the server renders
 * (charts as inline SVG). The token stays in this browser tab (sessionStorage) and goes out only as a header.
 */

/** Where the page is served. */
export const ANALYTICS_PAGE_PATH = '/agents/analytics';

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: #1d2733; background: #f4f6f9; }
  header { background: #123b6d; color: #fff; padding: 12px 28px; font-weight: 600; }
  main { max-width: 1000px; margin: 20px auto; padding: 0 20px; }
  form { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; background: #fff; border: 1px solid #d5dce6; border-radius: 8px; padding: 12px 16px; }
  label { display: flex; flex-direction: column; font-size: .85rem; color: #45607f; }
  input { font: inherit; padding: 5px 8px; border: 1px solid #b8c4d3; border-radius: 4px; }
  button { font: inherit; padding: 6px 16px; background: #123b6d; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  #status { margin: 10px 0; color: #a33; min-height: 1.4em; }
  section { background: #fff; border: 1px solid #d5dce6; border-radius: 8px; padding: 12px 16px; margin: 14px 0; }
  h2 { font-size: 1.05rem; margin: 0 0 10px; }
  .period { color: #45607f; margin: 0; }
  .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-top: 10px; }
  .tile { background: #fff; border: 1px solid #d5dce6; border-radius: 8px; padding: 10px 12px; }
  .tile .value { font-size: 1.5rem; font-weight: 600; color: #123b6d; }
  .tile .label { font-size: .82rem; color: #45607f; }
  .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 14px; padding: 0; margin: 8px 0 0; font-size: .88rem; }
  .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
  .note { color: #45607f; font-size: .85rem; margin: 6px 0; }
  svg text { font: 13px system-ui, sans-serif; fill: #1d2733; }
  svg .num { fill: #45607f; }
  svg.funnel, svg.handoff { max-width: 100%; height: auto; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: .9rem; }
  th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #e6ebf2; }
  th:first-child, td:first-child { text-align: left; }
  td.text { max-width: 480px; overflow-wrap: anywhere; }
  .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
  .pair section { margin: 0; }
`;

// Runs in the browser: remember the token for the tab, ask the API for the rendered report, show it.
const SCRIPT = `
  const form = document.getElementById('period');
  const status = document.getElementById('status');
  const report = document.getElementById('report');
  const day = 86400000;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const query = new URLSearchParams(location.search);
  form.from.value = query.get('from') || iso(Date.now() - 7 * day);
  form.to.value = query.get('to') || iso(Date.now() + day);
  form.token.value = sessionStorage.getItem('softbounce-agent-token') || '';
  async function show() {
    status.textContent = 'Loading...';
    sessionStorage.setItem('softbounce-agent-token', form.token.value);
    const params = new URLSearchParams({ from: form.from.value, to: form.to.value, format: 'html' });
    try {
      const response = await fetch('/api/agents/analytics?' + params, { headers: { authorization: 'Bearer ' + form.token.value } });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        status.textContent = (body.error && body.error.message) || ('The server answered ' + response.status);
        return;
      }
      report.innerHTML = await response.text();
      status.textContent = '';
      document.body.dataset.loaded = 'true';
    } catch (error) {
      status.textContent = 'Could not reach the server: ' + error.message;
    }
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  if (form.token.value) show();
`;

/** The whole page; it holds no data until the agent asks for a period. */
export function renderAnalyticsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>softbounce analytics</title>
<style>${STYLE}</style>
</head>
<body>
<header>softbounce: conversations report for the support team</header>
<main>
<form id="period">
  <label>Agent token <input name="token" type="password" autocomplete="off" required></label>
  <label>From <input name="from" type="date" required></label>
  <label>To (exclusive) <input name="to" type="date" required></label>
  <button type="submit">Show report</button>
</form>
<p id="status" role="status"></p>
<div id="report"></div>
</main>
<script>${SCRIPT}</script>
</body>
</html>`;
}
