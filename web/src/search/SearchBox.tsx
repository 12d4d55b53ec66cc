import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { channelUrl, SEARCH_PATH } from '../core/paths';
import { SEARCH_QUERY_MAX_CHARS } from '../limits';
import { useCaret } from '../ui/useCaret';
import type { SearchOption } from './options';
import { applyCompletion } from './suggest';
import { useSearch } from './SearchContext';
import { SearchIcon } from './SearchIcon';
import { readSearch, searchHref } from './searchUrl';
import { optionId, SuggestionList } from './SuggestionList';
import { useOpenPerson } from './useOpenPerson';
import { useSuggestions } from './useSuggestions';

/** Whether a key typed here goes into text (where `/` is a slash, not the search shortcut). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/**
 * The search box at the top of the app: `/` focuses it, typing suggests filters, people and
 * channels (a combobox over a listbox), Enter searches, Esc closes the list and then leaves.
 */
export function SearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const { prefill, queryError } = useSearch();
  const openPerson = useOpenPerson();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  /** Where the focus was before `/`, to go back to on Esc. */
  const before = useRef<HTMLElement | null>(null);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [pickError, setPickError] = useState<string | null>(null);
  const pendingCaret = useRef<number | null>(null);
  useCaret(input, setCaret);
  const { token, options } = useSuggestions(text, caret, open);
  const shown = open && options.length > 0;
  const current = shown && active >= 0 && active < options.length ? options[active] : undefined;

  // On the results page the box holds the query shown (after Back too), unless being edited.
  const onResults = location.pathname === SEARCH_PATH;
  const shownQuery = onResults ? readSearch(new URLSearchParams(location.search)).q : null;
  useEffect(() => {
    if (shownQuery !== null && document.activeElement !== input.current) setText(shownQuery);
  }, [shownQuery]);

  // "Search in this channel": the header asks for the box with `in:#slug ` in it. A layout effect,
  // so that the box has focus with the commit (ui/focusTrap.ts says why).
  useLayoutEffect(() => {
    if (!prefill) return;
    setText(prefill.text);
    pendingCaret.current = prefill.text.length;
    setCaret(prefill.text.length);
    setOpen(true);
    setActive(-1);
    input.current?.focus();
  }, [prefill]);

  // After a pick, the caret goes after what was put in.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !input.current) return;
    pendingCaret.current = null;
    input.current.setSelectionRange(at, at);
  });

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTextField(e.target)) return;
      e.preventDefault();
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const edit = (value: string, at: number) => {
    setText(value);
    setCaret(at);
    setOpen(true);
    setActive(-1);
    setPickError(null);
  };

  const leave = () => {
    setOpen(false);
    const back = before.current;
    before.current = null;
    if (back && back !== document.body && back.isConnected) back.focus();
    else input.current?.blur();
  };

  const run = (q: string) => {
    const query = q.trim();
    if (!query) return;
    setOpen(false);
    const state = onResults ? readSearch(new URLSearchParams(location.search)) : null;
    void navigate(searchHref({ q: query, sort: state?.sort, tab: state?.tab, archived: state?.archived }));
  };

  const pick = (option: SearchOption) => {
    switch (option.kind) {
      case 'complete': {
        if (!token) return;
        const next = applyCompletion(text, token, option.completion);
        edit(next.text, next.caret);
        pendingCaret.current = next.caret;
        return;
      }
      case 'search':
        return run(option.text);
      case 'person':
        setOpen(false);
        setText('');
        input.current?.blur();
        openPerson(option.user).catch((err: unknown) => setPickError(errorMessage(err)));
        return;
      case 'channel':
        setOpen(false);
        setText('');
        input.current?.blur();
        void navigate(channelUrl(option.channel.slug));
        return;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!shown) {
          setOpen(true);
          return;
        }
        const step = e.key === 'ArrowDown' ? 1 : -1;
        // -1 is the box itself: Enter there searches what is typed.
        setActive((i) => ((i + 1 + step + options.length + 1) % (options.length + 1)) - 1);
        return;
      }
      case 'Enter':
        e.preventDefault();
        if (current) pick(current);
        else run(text);
        return;
      case 'Escape':
        e.preventDefault();
        if (shown) setOpen(false);
        else leave();
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const error = pickError ?? (queryError && queryError.q === text.trim() ? queryError.message : null);

  return (
    <div className="search-box" data-testid="search-box">
      <div className="search-field">
        <span className="search-field-icon">
          <SearchIcon />
        </span>
        <input
          ref={input}
          className="search-input"
          data-testid="search-input"
          type="search"
          role="combobox"
          aria-label="Search messages, files, people and channels"
          aria-expanded={shown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(listId, current) : undefined}
          aria-describedby={error ? `${listId}-error` : undefined}
          aria-invalid={error ? true : undefined}
          placeholder="Search"
          autoComplete="off"
          spellCheck="false"
          maxLength={SEARCH_QUERY_MAX_CHARS}
          value={text}
          onChange={(e) => edit(e.target.value, e.target.selectionStart ?? e.target.value.length)}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-shortcut" aria-hidden="true">
          /
        </kbd>
      </div>
      {shown && <SuggestionList id={listId} options={options} active={active} onHover={setActive} onPick={pick} />}
      {error && (
        <p className="search-error" id={`${listId}-error`} role="alert" data-testid="search-error">
          {error}
        </p>
      )}
    </div>
  );
}
