import { describe, expect, it } from 'vitest';
import type { Attachment, FileEntry, FilePage } from '../api/types.generated';
import { msg } from '../messages/testMessages';
import { entriesOf, filesReducer, noFiles } from './filesPane';

function file(id: string, name = `${id}.pdf`): Attachment {
  return { id, name, size: 100, contentType: 'application/pdf', image: null };
}

function entry(fileId: string, messageID: string): FileEntry {
  return { file: file(fileId), messageID, threadRootID: null, authorID: 'alice', createdAt: '2024-01-01T00:00:00Z' };
}

const page = (items: FileEntry[], nextCursor: string | null = null): FilePage => ({ items, nextCursor });

describe('filesReducer', () => {
  it('lists the first page, then appends older pages without repeats', () => {
    let state = filesReducer(noFiles, { type: 'first', page: page([entry('F3', 'M3'), entry('F2', 'M2')], 'c1') });
    expect(state.nextCursor).toBe('c1');
    state = filesReducer(state, { type: 'more', page: page([entry('F2', 'M2'), entry('F1', 'M1')]) });
    expect(state.entries.map((e) => e.file.id)).toEqual(['F3', 'F2', 'F1']);
    expect(state.nextCursor).toBeNull();
  });

  it('puts a new message’s files on top, newest file first, once', () => {
    let state = filesReducer(noFiles, { type: 'first', page: page([entry('F1', 'M1')]) });
    const message = msg(5, { attachments: [file('F5a'), file('F5b')] });
    state = filesReducer(state, { type: 'message', message });
    expect(state.entries.map((e) => e.file.id)).toEqual(['F5b', 'F5a', 'F1']);
    expect(state.entries[0]).toMatchObject({ messageID: message.id, authorID: 'alice', createdAt: message.createdAt });
    expect(filesReducer(state, { type: 'message', message })).toBe(state);
  });

  it('leaves the list alone for messages without files', () => {
    const state = filesReducer(noFiles, { type: 'first', page: page([entry('F1', 'M1')]) });
    expect(filesReducer(state, { type: 'message', message: msg(6) })).toBe(state);
  });

  it('takes a deleted message’s files out', () => {
    let state = filesReducer(noFiles, { type: 'first', page: page([entry('F3', 'M3'), entry('F2', 'M3'), entry('F1', 'M1')]) });
    state = filesReducer(state, { type: 'deleted', messageId: 'M3' });
    expect(state.entries.map((e) => e.file.id)).toEqual(['F1']);
  });

  it('keeps a thread reply’s root, to jump to it', () => {
    const reply = msg(7, { threadRootID: 'ROOT', attachments: [file('F7')] });
    expect(entriesOf(reply)[0]?.threadRootID).toBe('ROOT');
  });
});
