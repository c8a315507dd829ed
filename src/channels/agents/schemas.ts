/** Request bodies of the agents API. */
import * as z from 'zod';

const id = z.string().trim().min(1).max(256);
const code = z.string().regex(/^[245]\d\d$/, 'a three-digit SMTP reply code such as 421');
const enhanced = z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'an enhanced status code such as 4.7.0');
const steps = ['confirm_error', 'wait_and_retry', 'sending_volume', 'recipient_server', 'test_email', 'delivery_logs'] as const;

export const refSchema = z.object({
  channel: z.enum(['directline', 'msteams', 'slack']),
  conversationId: id,
  threadTs: z.string().max(64).optional(),
  serviceUrl: z.url().optional(),
  userId: z.string().max(256).optional(),
  userName: z.string().max(256).optional(),
});

export const handoffSchema = z.object({
  conversationId: id,
  /** Needed only for a conversation the bot has not seen yet. */
  ref: refSchema.optional(),
  agent: z.string().max(200).optional(),
  known: z
    .object({
      replyCode: code.optional(),
      enhancedStatus: enhanced.optional(),
      recipientDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com').optional(),
      stepsDone: z.array(z.enum(steps)).max(6).optional(),
      /** The check to resume at; it and the checks after it are asked afresh. */
      resumeAt: z.enum(steps).optional(),
      note: z.string().max(2000).optional(),
    })
    .default({}),
});

export const takeoverSchema = z.object({
  conversationId: id,
  agent: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});

export const agentMessageSchema = z.object({
  text: z.string().trim().min(1).max(8000),
  agent: z.string().max(200).optional(),
});

export const closeSchema = z.object({
  agent: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});
