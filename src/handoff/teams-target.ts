/** The Teams target: a `handoff.initiate` event in the user's own Teams conversation, transcript attached. */
import { teamsConversation, type TeamsCredentialSource } from '../channels/teams/connector.js';
import type { OutgoingActivity } from '../channels/teams/render.js';
import type { CasePacket } from './case-packet.js';
import type { HandoffTarget } from './targets.js';

/** The event Teams' agent hub reads: the case as `value`, the transcript as an attachment. */
export function teamsHandoffActivity(packet: CasePacket): OutgoingActivity {
  const { transcript, ...context } = packet;
  return {
    type: 'event',
    name: 'handoff.initiate',
    value: context,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.activity.transcript',
        content: {
          activities: transcript.map((line) => ({
            type: 'message',
            text: line.text,
            timestamp: new Date(line.at).toISOString(),
            from: { id: line.from, role: line.from === 'user' ? 'user' : 'bot' },
          })),
        },
      },
    ],
  };
}

/** Sends the handoff event for Teams conversations; other channels have nothing to do here. */
export function teamsHandoffTarget(credentials: TeamsCredentialSource): HandoffTarget {
  return async (packet, ref) => {
    if (ref.channel !== 'msteams') return;
    const conversation = await teamsConversation(await credentials(), ref);
    await conversation.send(teamsHandoffActivity(packet));
  };
}
