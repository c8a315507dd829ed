/** An agent's Slack message as the customer should read it on any channel: Slack's markup turned into plain text. */

/** Links become "label (url)", mentions lose their ids, and Slack's escapes are undone. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, (_whole, url: string, label: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/<[@!][^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
