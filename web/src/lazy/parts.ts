// The parts of the signed-in app the first screen does not show: each loads the first time it
// opens (see lazyPart), so a first visit downloads only the sidebar, the channel and its
// messages. Components import these in place of the modules themselves; the props stay the same.
import { lazyPart } from './lazyPart';

export const ThreadPanel = lazyPart(() => import('../threads/ThreadPanel').then((m) => m.ThreadPanel), 'thread', 'panel');
export const PinnedPanel = lazyPart(() => import('../pins/PinnedPanel').then((m) => m.PinnedPanel), 'pinned messages', 'panel');
export const FilesPanel = lazyPart(() => import('../files/FilesPanel').then((m) => m.FilesPanel), 'files', 'panel');
export const MembersPanel = lazyPart(() => import('../channels/MembersPanel').then((m) => m.MembersPanel), 'members', 'panel');
export const ChannelPreview = lazyPart(
  () => import('../channels/ChannelPreview').then((m) => m.ChannelPreview),
  'channel preview',
  'page',
);

export const Lightbox = lazyPart(() => import('../files/Lightbox').then((m) => m.Lightbox), 'image', 'overlay');
export const EmojiPicker = lazyPart(() => import('../emoji/EmojiPicker').then((m) => m.EmojiPicker), 'emoji', 'none');

export const ProfileDialog = lazyPart(() => import('../profile/ProfileDialog').then((m) => m.ProfileDialog), 'profile', 'overlay');
export const CreateChannelDialog = lazyPart(
  () => import('../channels/CreateChannelDialog').then((m) => m.CreateChannelDialog),
  'new channel',
  'overlay',
);
export const EditChannelDialog = lazyPart(
  () => import('../channels/EditChannelDialog').then((m) => m.EditChannelDialog),
  'channel settings',
  'overlay',
);
export const InviteDialog = lazyPart(() => import('../invites/InviteDialog').then((m) => m.InviteDialog), 'invite', 'overlay');
export const NewConversationDialog = lazyPart(
  () => import('../conversations/NewConversationDialog').then((m) => m.NewConversationDialog),
  'new message',
  'overlay',
);
export const RenameConversationDialog = lazyPart(
  () => import('../conversations/GroupDialogs').then((m) => m.RenameConversationDialog),
  'rename',
  'overlay',
);
export const AddParticipantsDialog = lazyPart(
  () => import('../conversations/GroupDialogs').then((m) => m.AddParticipantsDialog),
  'add people',
  'overlay',
);
export const EditHistoryDialog = lazyPart(
  () => import('../messages/EditHistoryDialog').then((m) => m.EditHistoryDialog),
  'edit history',
  'overlay',
);
export const NotificationSettingsDialog = lazyPart(
  () => import('../notifications/NotificationSettingsDialog').then((m) => m.NotificationSettingsDialog),
  'notification settings',
  'overlay',
);
