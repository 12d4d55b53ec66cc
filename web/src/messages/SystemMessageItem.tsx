import type { Message, SystemNote } from '../api/types.generated';
import { formatFullTime, formatMessageTime } from './formatTime';
import { rowAttributes, type RowPlacement } from './rowAttributes';
import { systemText } from './systemText';

type SystemMessageItemProps = {
  message: Message;
  note: SystemNote;
  nameOf: (id: string) => string;
  placement?: RowPlacement;
};

/** A muted line for what the system wrote: joins, leaves, adds and removes. */
export function SystemMessageItem({ message, note, nameOf, placement }: SystemMessageItemProps) {
  const target = note.targetID ? nameOf(note.targetID) : null;
  return (
    <li
      {...rowAttributes(placement)}
      className="message is-system"
      data-testid="system-message"
      data-message-id={message.id}
      data-action={note.action}
    >
      <div className="message-gutter" aria-hidden="true" />
      <p className="system-text">
        {systemText(note, nameOf(message.authorID), target)}
        <time className="message-time" dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
          {formatMessageTime(message.createdAt)}
        </time>
      </p>
    </li>
  );
}
