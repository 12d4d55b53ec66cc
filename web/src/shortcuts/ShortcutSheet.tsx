import { Fragment } from 'react';
import { Modal } from '../ui/Modal';
import { commandKey, shortcutGroups } from './list';

/** `?` or Ctrl-/: every keyboard shortcut, by what it is for. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const groups = shortcutGroups(commandKey(navigator.platform));
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcut-sheet" className="shortcut-sheet">
      {/* It scrolls on a short screen: focusable, so the keyboard can scroll it too. */}
      <div className="shortcut-groups" tabIndex={0} role="region" aria-label="All shortcuts">
        {groups.map((group) => (
          <section key={group.title} className="shortcut-group" aria-label={group.title}>
            <h3 className="shortcut-group-title">{group.title}</h3>
            <dl className="shortcut-list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.what} className="shortcut" data-testid="shortcut">
                  <dt className="shortcut-keys">
                    {shortcut.keys.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className="shortcut-or"> or </span>}
                        {combo.map((key, j) => (
                          <Fragment key={key}>
                            {j > 0 && <span aria-hidden="true">+</span>}
                            <kbd>{key}</kbd>
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="shortcut-what">{shortcut.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
