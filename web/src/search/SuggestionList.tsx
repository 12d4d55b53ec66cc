import { Avatar } from '../users/Avatar';
import type { SearchOption } from './options';
import { FilterIcon, SearchIcon } from './SearchIcon';
import { PlaceIcon } from '../ui/PlaceIcon';

type SuggestionListProps = {
  id: string;
  options: SearchOption[];
  active: number;
  onHover: (index: number) => void;
  onPick: (option: SearchOption) => void;
};

export function optionId(listId: string, option: SearchOption): string {
  return `${listId}-${option.id}`;
}

const HEADINGS: Partial<Record<SearchOption['kind'], string>> = { person: 'People', channel: 'Channels' };

/** The box's listbox: filters to finish, the search to run, people and channels to open. */
export function SuggestionList({ id, options, active, onHover, onPick }: SuggestionListProps) {
  return (
    <ul className="search-suggestions" id={id} role="listbox" aria-label="Search suggestions" data-testid="search-suggestions">
      {options.map((option, i) => {
        const heading = HEADINGS[option.kind];
        const first = heading && options[i - 1]?.kind !== option.kind;
        return [
          first && (
            <li key={`h-${option.kind}`} role="presentation" className="search-suggestion-heading">
              {heading}
            </li>
          ),
          <li
            key={option.id}
            id={optionId(id, option)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'search-suggestion is-active' : 'search-suggestion'}
            data-testid="search-suggestion"
            data-kind={option.kind}
            data-value={value(option)}
            // Keeps the focus in the box.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(option)}
            onMouseMove={() => i !== active && onHover(i)}
          >
            <OptionContent option={option} />
          </li>,
        ];
      })}
    </ul>
  );
}

function value(option: SearchOption): string {
  switch (option.kind) {
    case 'complete':
      return option.completion.replacement;
    case 'search':
      return option.text;
    case 'person':
      return `@${option.user.handle}`;
    case 'channel':
      return `#${option.channel.slug}`;
  }
}

function OptionContent({ option }: { option: SearchOption }) {
  switch (option.kind) {
    case 'complete': {
      const { completion } = option;
      return (
        <>
          {completion.userId ? (
            <Avatar userId={completion.userId} name={completion.detail} />
          ) : (
            <span className="search-suggestion-icon" aria-hidden="true">
              {completion.label.startsWith('in:#') ? '#' : <FilterIcon />}
            </span>
          )}
          <span className="search-suggestion-label">{completion.label}</span>
          <span className="search-suggestion-detail">{completion.detail}</span>
        </>
      );
    }
    case 'search':
      return (
        <>
          <span className="search-suggestion-icon">
            <SearchIcon size={14} />
          </span>
          <span className="search-suggestion-label search-suggestion-query">{option.text}</span>
          <span className="search-suggestion-detail">Search messages</span>
        </>
      );
    case 'person':
      return (
        <>
          <Avatar userId={option.user.id} name={option.user.displayName} avatar={option.user.avatar} />
          <span className="search-suggestion-label">{option.user.displayName}</span>
          <span className="search-suggestion-detail">@{option.user.handle}</span>
        </>
      );
    case 'channel':
      return (
        <>
          <span className="search-suggestion-icon" aria-hidden="true">
            <PlaceIcon kind={option.channel.type} size={14} />
          </span>
          <span className="search-suggestion-label">{option.channel.name}</span>
          <span className="search-suggestion-detail">{option.channel.archived ? 'archived' : option.channel.description}</span>
        </>
      );
  }
}
