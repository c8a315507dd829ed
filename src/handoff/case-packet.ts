/** The case packet an agent receives when the bot hands a conversation over. Validated before it leaves. */
import * as z from 'zod';
import type { CaseSummary } from '../core/types.js';
import type { ConversationRef } from '../store/types.js';

const answer = z.object({ stepId: z.string(), value: z.union([z.string(), z.number(), z.boolean()]), text: z.string(), at: z.number() });
const line = z.object({ from: z.enum(['user', 'bot', 'agent', 'system']), text: z.string(), at: z.number() });

export const casePacketSchema = z.object({
  caseId: z.string().min(1),
  conversation: z.object({
    id: z.string().min(1),
    channel: z.enum(['directline', 'msteams', 'slack', 'cli', 'agent']),
    platformConversationId: z.string(),
    threadTs: z.string().optional(),
    serviceUrl: z.string().optional(),
  }),
  user: z.object({ id: z.string().optional(), name: z.string().optional() }),
  reason: z.enum(['persistent', 'recurred', 'user_insisted', 'agent_requested']),
  summary: z.string().min(1),
  codes: z.object({ replyCode: z.string().optional(), enhancedStatus: z.string().optional() }),
  variation: z.enum(['resource', 'connection', 'policy', 'downstream']).optional(),
  provider: z.string().optional(),
  recipientDomain: z.string().optional(),
  flow: z.object({ flowId: z.string(), stepId: z.string() }),
  answers: z.array(answer),
  times: z.object({ startedAt: z.iso.datetime(), problemSince: z.iso.datetime().optional(), escalatedAt: z.iso.datetime() }),
  transcript: z.array(line),
});

export type CasePacket = z.infer<typeof casePacketSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Builds and validates the packet for one escalation of conversation `conversationId`. */
export function buildCasePacket(conversationId: string, ref: ConversationRef, summary: CaseSummary): CasePacket {
  return casePacketSchema.parse({
    caseId: `${conversationId}:${summary.escalatedAt}`,
    conversation: {
      id: conversationId,
      channel: ref.channel,
      platformConversationId: ref.conversationId,
      threadTs: ref.threadTs,
      serviceUrl: ref.serviceUrl,
    },
    user: { id: ref.userId, name: ref.userName },
    reason: summary.reason,
    summary: summary.summary,
    codes: { replyCode: summary.replyCode, enhancedStatus: summary.enhancedStatus },
    variation: summary.variation,
    provider: summary.provider,
    recipientDomain: summary.recipientDomain,
    flow: { flowId: summary.flowId, stepId: summary.stepId },
    answers: summary.answers,
    times: {
      startedAt: iso(summary.startedAt),
      problemSince: summary.problemSince === undefined ? undefined : iso(summary.problemSince),
      escalatedAt: iso(summary.escalatedAt),
    },
    transcript: summary.transcript,
  });
}
