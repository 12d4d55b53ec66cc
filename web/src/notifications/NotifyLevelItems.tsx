import type { Membership, NotifyLevel } from '../api/types.generated';
import { MenuItem } from '../ui/Menu';
import { useNotifications } from './NotificationsProvider';

const NAMES: Record<NotifyLevel, string> = {
  all: 'Everything',
  mentions: 'Mentions and direct messages',
  nothing: 'Nothing',
};

type NotifyLevelItemsProps = {
  membership: Membership;
  /** Saves the new level (`null`: follow the reader's own setting). */
  onChoose: (level: NotifyLevel | null) => void;
  close: () => void;
};

/**
 * A place's notification level, as radio items of its menu: the reader's own setting (named),
 * or one of the levels for this place only.
 */
export function NotifyLevelItems({ membership, onChoose, close }: NotifyLevelItemsProps) {
  const { settings } = useNotifications();
  const own = settings ? NAMES[settings.level].toLowerCase() : 'your setting';
  const choices: { level: NotifyLevel | null; label: string }[] = [
    { level: null, label: `Default (${own})` },
    ...(['all', 'mentions', 'nothing'] as const).map((level) => ({ level, label: NAMES[level] })),
  ];
  const current = membership.notifyLevel ?? null;
  return (
    <div role="group" aria-label="Notifications here">
      <div className="menu-heading">Notifications here</div>
      {choices.map(({ level, label }) => (
        <MenuItem
          key={level ?? 'default'}
          testId="notify-level-choice"
          checked={current === level}
          data={{ level: level ?? 'default' }}
          onSelect={() => {
            if (current !== level) onChoose(level);
            close();
          }}
        >
          {label}
        </MenuItem>
      ))}
    </div>
  );
}
