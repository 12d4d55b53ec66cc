import { useEffect, useMemo, useState } from 'react';
import type { ParentRef } from '../api/routes';
import { channelUrl } from '../core/paths';
import type { Channel, ChannelRole } from '../api/types.generated';
import { FilesButton } from '../files/FilesButton';
import { FilesPanel } from '../lazy/parts';
import { MessagePane } from '../messages/MessagePane';
import { PinnedPanel } from '../lazy/parts';
import { PinsButton } from '../pins/PinsButton';
import { SearchHereButton } from '../search/SearchHereButton';
import { useMembership, useOpenParent } from '../sidebar/hooks';
import { ThreadPanel } from '../lazy/parts';
import { useOpenThread } from '../threads/useOpenThread';
import { ChannelHeader } from './ChannelHeader';
import { ChannelPreview } from '../lazy/parts';
import { MembersPanel } from '../lazy/parts';
import { useMembers, type ChannelMembers } from './useMembers';

type ChannelViewProps = {
  channel: Channel;
  /** A newer copy of the channel, from an action taken here. */
  onChannel: (channel: Channel) => void;
};

type Panel = 'members' | 'pins' | 'files' | null;

/** Channel admins and owners may delete other people's messages (system admins gain nothing here). */
function moderates(role: ChannelRole | null): boolean {
  return role === 'admin' || role === 'owner';
}

/** "12 members", "2,000+ members" (the list stops after its last page), "…" while loading. */
function memberCountText(members: ChannelMembers): string {
  if (members.loading) return '… members';
  const n = members.members.length;
  return `${n}${members.more ? '+' : ''} ${n === 1 ? 'member' : 'members'}`;
}

/** One channel: header, then its messages for members, or a read-only preview and a way in for others. */
export function ChannelView({ channel, onChannel }: ChannelViewProps) {
  const membership = useMembership(channel.id);
  const members = useMembers(channel.id);
  const [panel, setPanel] = useState<Panel>(null);
  const thread = useOpenThread();
  const parent = useMemo((): ParentRef => ({ type: 'channel', id: channel.id }), [channel.id]);
  const href = channelUrl(channel.slug);
  const canModerate = moderates(membership?.role ?? null);
  useOpenParent('channel', channel.id);

  useEffect(() => {
    document.title = `#${channel.name} · Parley`;
  }, [channel.name]);

  const toggle = (which: Exclude<Panel, null>) => setPanel((open) => (open === which ? null : which));

  return (
    <section className="channel" aria-label={`#${channel.name}`}>
      <ChannelHeader
        channel={channel}
        membership={membership ?? null}
        memberCount={members.loading ? null : members.members.length}
        moreMembers={members.more}
        membersOpen={panel === 'members'}
        onToggleMembers={() => toggle('members')}
        onChannel={onChannel}
        extraActions={
          membership ? (
            <>
              <SearchHereButton filter={`in:#${channel.slug}`} label="Search in this channel" />
              <PinsButton open={panel === 'pins'} onToggle={() => toggle('pins')} />
              <FilesButton open={panel === 'files'} onToggle={() => toggle('files')} />
            </>
          ) : null
        }
      />
      <div className="channel-body">
        <div className="channel-main">
          {membership === undefined ? (
            <p className="main-message muted">Loading…</p>
          ) : membership === null ? (
            <ChannelPreview channel={channel} memberCount={memberCountText(members)} />
          ) : (
            <MessagePane
              parent={parent}
              parentHref={href}
              label={`#${channel.name}`}
              beginning={
                <>
                  This is the very beginning of <strong>#{channel.name}</strong>.
                </>
              }
              canModerate={canModerate}
              groupMentions
              readOnlyNotice={
                channel.archived ? (
                  <p className="archived-banner" role="status" data-testid="archived-banner">
                    This channel is archived: you can read it, but nobody can post in it.
                  </p>
                ) : undefined
              }
            />
          )}
        </div>
        {membership && thread.rootId && (
          <ThreadPanel
            key={thread.rootId}
            parent={parent}
            parentHref={href}
            rootId={thread.rootId}
            canModerate={canModerate}
            groupMentions
            onClose={thread.close}
          />
        )}
        {membership && panel === 'pins' && <PinnedPanel parent={parent} parentHref={href} onClose={() => setPanel(null)} />}
        {membership && panel === 'files' && <FilesPanel parent={parent} parentHref={href} onClose={() => setPanel(null)} />}
        {panel === 'members' && (
          <MembersPanel
            channel={channel}
            membership={membership ?? null}
            members={members}
            onClose={() => setPanel(null)}
          />
        )}
      </div>
    </section>
  );
}
