import { extensionBadge } from './format';

/** A file's icon: a page with its extension on it (PDF, ZIP, FILE). */
export function FileBadge({ name }: { name: string }) {
  const label = extensionBadge(name);
  return (
    <span className="file-badge" aria-hidden="true" data-ext={label.toLowerCase()}>
      {label}
    </span>
  );
}
