import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Category } from '../api/types.generated';
import { CATEGORY_NAME_MAX_CHARS } from '../limits';
import { autoFocus } from '../ui/autoFocus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Menu, MenuItem } from '../ui/Menu';
import { useSidebar } from './SidebarProvider';
import type { SidebarDrag } from './useSidebarDrag';

type CategoryHeaderProps = {
  category: Category;
  /** Its place among the categories, for dragging. */
  index: number;
  count: number;
  drag: SidebarDrag;
};

/** A category's heading: drag it to reorder categories; rename or delete it from its menu. */
export function CategoryHeader({ category, index, count, drag }: CategoryHeaderProps) {
  const { renameCategory, deleteCategory } = useSidebar();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { indicator } = drag;
  const className = [
    'sidebar-heading category-row',
    indicator?.kind === 'category' && indicator.index === index && 'drop-before',
    indicator?.kind === 'category' && indicator.index === index + 1 && index === count - 1 && 'drop-after',
  ]
    .filter(Boolean)
    .join(' ');

  if (editing) {
    return (
      <CategoryNameForm
        initial={category.name}
        submitLabel="Rename"
        onCancel={() => setEditing(false)}
        onSubmit={async (name) => {
          await renameCategory(category.id, name);
          setEditing(false);
        }}
      />
    );
  }

  return (
    <>
      <h2
        className={className}
        data-testid="category-row"
        data-category-id={category.id}
        draggable
        onDragStart={(e) => drag.categoryDragStart(e, category)}
        onDragOver={(e) => drag.categoryDragOver(e, index)}
        onDrop={(e) => drag.categoryDrop(e, index)}
        onDragEnd={drag.dragEnd}
      >
        <span className="category-name">{category.name}</span>
        <Menu label={`Options for category ${category.name}`} testId="category-menu-button" className="row-menu">
          {(close) => (
            <>
              <MenuItem
                testId="category-rename"
                icon={<Pencil size={16} />}
                onSelect={() => {
                  close();
                  setError(null);
                  setEditing(true);
                }}
              >
                Rename
              </MenuItem>
              <MenuItem
                testId="category-delete"
                danger
                icon={<Trash2 size={16} />}
                onSelect={() => {
                  close();
                  setError(null);
                  setConfirming(true);
                }}
              >
                Delete category
              </MenuItem>
            </>
          )}
        </Menu>
      </h2>
      {error && (
        <p className="sidebar-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete the category ${category.name}?`}
          confirmLabel="Delete category"
          onConfirm={() => deleteCategory(category.id)}
          onClose={() => setConfirming(false)}
        >
          <p>Its channels and conversations stay: they go back to Channels and Direct messages.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

type CategoryNameFormProps = {
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<void>;
  onCancel: () => void;
};

/** A one-line form for a category's name: Enter saves, Escape gives up; server errors show under it. */
export function CategoryNameForm({ initial, submitLabel, onSubmit, onCancel }: CategoryNameFormProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();

  return (
    <form
      className="category-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!trimmed || busy) return;
        setBusy(true);
        setError(null);
        onSubmit(trimmed).then(
          () => setBusy(false),
          (err: unknown) => {
            setBusy(false);
            setError(errorMessage(err));
          },
        );
      }}
    >
      <input
        className="text-input"
        data-testid="category-name-input"
        aria-label="Category name"
        placeholder="Category name"
        maxLength={CATEGORY_NAME_MAX_CHARS}
        ref={autoFocus}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      <div className="category-form-buttons">
        <button type="submit" className="button button-primary" data-testid="category-save" disabled={!trimmed || busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="sidebar-error" role="alert" data-testid="category-error">
          {error}
        </p>
      )}
    </form>
  );
}
