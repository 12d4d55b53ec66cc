// What React's `autoFocus` prop did, for Preact. React focuses such an element itself when it is
// put on the page; Preact (through preact/compat) only writes the HTML `autofocus` attribute,
// which a browser honours for the first element of a page load at most, so a dialog's or a new
// channel's field would stay unfocused. The app does not use the prop (eslint.config.js refuses
// it); `ref={autoFocus}` does the same, when the element mounts.

/** A ref that focuses its element when the element is put on the page. */
export function autoFocus(el: HTMLElement | null): void {
  el?.focus();
}
