import type { Message } from '../api/types.generated';

const CHANNEL = '01HCHANNEL0000000000000000';

/** A plain message of the test channel, numbered `seq` (ids sort as the numbers do). */
export function msg(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `01HMSG${String(seq).padStart(20, '0')}`,
    parentID: CHANNEL,
    parentType: 'channel',
    authorID: 'alice',
    body: `message ${seq}`,
    seq,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    clientNonce: null,
    system: null,
    threadRootID: null,
    editedAt: null,
    deleted: false,
    replyCount: 0,
    lastReplyAt: null,
    recentReplierIDs: [],
    reactions: {},
    pinnedAt: null,
    pinnedBy: null,
    mentionIDs: [],
    mentionsAll: false,
    mentionsHere: false,
    attachments: [],
    ...extra,
  };
}
