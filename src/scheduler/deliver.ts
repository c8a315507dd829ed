/** Routes a follow-up's outputs to the sender of the conversation's channel. */
import type { ChannelId } from '../store/types.js';
import type { ChannelSenders, Deliver } from './types.js';

/** A sender is missing for the conversation's channel, so its follow-up cannot reach the user. */
export class NoSenderError extends Error {
  readonly code = 'no_sender';
  constructor(channel: ChannelId) {
    super(`no sender is configured for channel "${channel}"; give the scheduler a ChannelSenders entry for it`);
  }
}

/** Routes each delivery to the sender of the conversation's channel. */
export function deliverThroughChannels(senders: ChannelSenders): Deliver {
  return async (record, outputs, position) => {
    const send = senders[record.ref.channel];
    if (!send) throw new NoSenderError(record.ref.channel);
    await send(record, outputs, position);
  };
}
