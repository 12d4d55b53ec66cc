import { describe, expect, it } from 'vitest';
import {
  canSendWith,
  progressOf,
  sendBlocker,
  sentFiles,
  summarize,
  uploadsReducer,
  type Upload,
  type UploadAction,
} from './uploadQueue';

const SHA = 'a'.repeat(64);

function added(...names: string[]): Upload[] {
  return uploadsReducer([], {
    type: 'added',
    uploads: names.map((name) => ({ key: name, name, size: 1000, contentType: 'application/pdf', previewUrl: null })),
  });
}

function run(state: Upload[], ...actions: UploadAction[]): Upload[] {
  return actions.reduce(uploadsReducer, state);
}

/** The path of a file that uploads without trouble, up to `done`. */
function uploaded(key: string): UploadAction[] {
  return [
    { type: 'hashing', key },
    { type: 'hashed', key, sha256: SHA },
    { type: 'granted', key, uploadID: `up-${key}` },
    { type: 'progress', key, sent: 400 },
    { type: 'done', key },
  ];
}

describe('uploadsReducer', () => {
  it('takes a file from queued through hashing and uploading to done', () => {
    let state = added('a.pdf');
    expect(state[0]).toMatchObject({ status: 'queued', sent: 0, uploadID: null });
    state = run(state, { type: 'hashing', key: 'a.pdf' });
    expect(state[0]?.status).toBe('hashing');
    state = run(state, { type: 'hashed', key: 'a.pdf', sha256: SHA }, { type: 'granted', key: 'a.pdf', uploadID: 'up-1' });
    expect(state[0]).toMatchObject({ status: 'uploading', sha256: SHA, uploadID: 'up-1', sent: 0 });
    state = run(state, { type: 'progress', key: 'a.pdf', sent: 250 });
    expect(progressOf(state[0] as Upload)).toBe(0.25);
    state = run(state, { type: 'done', key: 'a.pdf' });
    expect(state[0]).toMatchObject({ status: 'done', sent: 1000 });
    expect(progressOf(state[0] as Upload)).toBe(1);
  });

  it('keeps progress moving forward and within the size', () => {
    const state = run(
      added('a.pdf'),
      { type: 'hashed', key: 'a.pdf', sha256: SHA },
      { type: 'progress', key: 'a.pdf', sent: 600 },
      { type: 'progress', key: 'a.pdf', sent: 300 },
    );
    expect(state[0]?.sent).toBe(600);
    expect(run(state, { type: 'progress', key: 'a.pdf', sent: 5000 })[0]?.sent).toBe(1000);
  });

  it('fails, and a retry queues it again keeping the hash but not the grant', () => {
    let state = run(
      added('a.pdf'),
      { type: 'hashed', key: 'a.pdf', sha256: SHA },
      { type: 'granted', key: 'a.pdf', uploadID: 'up-1' },
      { type: 'progress', key: 'a.pdf', sent: 500 },
      { type: 'failed', key: 'a.pdf', error: 'The upload was interrupted.' },
    );
    expect(state[0]).toMatchObject({ status: 'failed', error: 'The upload was interrupted.' });
    state = run(state, { type: 'retry', key: 'a.pdf' });
    expect(state[0]).toMatchObject({ status: 'queued', sent: 0, uploadID: null, error: null, sha256: SHA });
    state = run(state, ...uploaded('a.pdf').slice(1));
    expect(state[0]).toMatchObject({ status: 'done', uploadID: 'up-a.pdf' });
  });

  it('does not finish a file the server gave no id', () => {
    const state = run(added('a.pdf'), { type: 'hashed', key: 'a.pdf', sha256: SHA }, { type: 'done', key: 'a.pdf' });
    expect(state[0]?.status).toBe('failed');
  });

  it('cancels: the file is gone, and late answers for it change nothing', () => {
    let state = run(added('a.pdf', 'b.pdf'), { type: 'hashed', key: 'a.pdf', sha256: SHA }, { type: 'removed', key: 'a.pdf' });
    expect(state.map((u) => u.key)).toEqual(['b.pdf']);
    const before = state;
    state = run(
      state,
      { type: 'granted', key: 'a.pdf', uploadID: 'up-a' },
      { type: 'progress', key: 'a.pdf', sent: 10 },
      { type: 'done', key: 'a.pdf' },
      { type: 'failed', key: 'a.pdf', error: 'aborted' },
    );
    expect(state).toBe(before);
  });

  it('ignores answers that do not fit the state a file is in', () => {
    const done = run(added('a.pdf'), ...uploaded('a.pdf'));
    expect(run(done, { type: 'failed', key: 'a.pdf', error: 'late' })).toBe(done);
    expect(run(done, { type: 'retry', key: 'a.pdf' })).toBe(done);
    expect(run(done, { type: 'progress', key: 'a.pdf', sent: 1 })).toBe(done);
    const queued = added('b.pdf');
    expect(run(queued, { type: 'done', key: 'b.pdf' })).toBe(queued);
    expect(run(queued, { type: 'retry', key: 'b.pdf' })).toBe(queued);
  });

  it('lets the files sent go, keeping those added since', () => {
    const state = run(added('a.pdf', 'b.pdf', 'c.pdf'), { type: 'sent', keys: ['a.pdf', 'c.pdf'] });
    expect(state.map((u) => u.key)).toEqual(['b.pdf']);
  });
});

describe('sending with files', () => {
  it('sends finished files in the order they were added', () => {
    const state = run(added('a.pdf', 'b.pdf'), ...uploaded('b.pdf'), ...uploaded('a.pdf'));
    expect(summarize(state)).toEqual({ running: 0, failed: 0, uploadIDs: ['up-a.pdf', 'up-b.pdf'] });
    expect(sentFiles(state).map((f) => [f.key, f.uploadID])).toEqual([
      ['a.pdf', 'up-a.pdf'],
      ['b.pdf', 'up-b.pdf'],
    ]);
    expect(canSendWith(false, summarize(state))).toBe(true);
  });

  it('waits while any file is still on its way', () => {
    const state = run(added('a.pdf', 'b.pdf'), ...uploaded('a.pdf'), { type: 'hashing', key: 'b.pdf' });
    const summary = summarize(state);
    expect(summary).toMatchObject({ running: 1, uploadIDs: ['up-a.pdf'] });
    expect(canSendWith(true, summary)).toBe(false);
    expect(sendBlocker(summary)).toBe('Waiting for the file to upload…');
  });

  it('holds the message while a file failed, until it is retried or removed', () => {
    let state = run(added('a.pdf', 'b.pdf'), ...uploaded('a.pdf'), { type: 'failed', key: 'b.pdf', error: 'no' });
    expect(canSendWith(true, summarize(state))).toBe(false);
    expect(sendBlocker(summarize(state))).toBe('A file did not upload: retry or remove it.');
    state = run(state, { type: 'removed', key: 'b.pdf' });
    expect(canSendWith(false, summarize(state))).toBe(true);
    expect(sendBlocker(summarize(state))).toBeNull();
  });

  it('needs text or a finished file', () => {
    expect(canSendWith(false, summarize([]))).toBe(false);
    expect(canSendWith(true, summarize([]))).toBe(true);
  });
});
