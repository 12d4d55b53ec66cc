import { useEffect, useMemo, useRef } from 'react';
import { useEscapeToRead } from '../messages/useEscapeToRead';
import { useSidebar } from '../sidebar/SidebarProvider';
import { badgeFor, tabCounts, titleWithCounts, type TabCounts } from './tabBadge';

const FAVICON_SIZE = 64;

/**
 * Keeps the tab's title and favicon telling the unread and mention counts: each page sets its own
 * title as before, and the counts go in front of it; the favicon gets a badge drawn over the base
 * icon on a canvas (a number for mentions, a dot for unread).
 */
export function useTabBadge(): void {
  const { sidebar, openParent, markAllRead } = useSidebar();
  // Shift-Escape, anywhere: everything read (the badges, the title and the favicon clear).
  useEscapeToRead(markAllRead, true);
  const counts = tabCounts(sidebar, openParent?.id ?? null);
  const { unread, mentions } = counts;
  const stable = useMemo((): TabCounts => ({ unread, mentions }), [unread, mentions]);
  useTitleCounts(stable);
  useFaviconBadge(stable);
}

function useTitleCounts(counts: TabCounts): void {
  useEffect(() => {
    const apply = () => {
      const next = titleWithCounts(document.title, counts);
      if (next !== document.title) document.title = next;
    };
    apply();
    // A page setting its own title (on opening another channel) gets the counts put back.
    const title = document.querySelector('title');
    if (!title || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(apply);
    observer.observe(title, { childList: true, characterData: true, subtree: true });
    return () => {
      observer.disconnect();
      document.title = titleWithCounts(document.title, { unread: 0, mentions: 0 });
    };
  }, [counts]);
}

function useFaviconBadge(counts: TabCounts): void {
  const base = useRef<{ href: string; image: Promise<HTMLImageElement> } | null>(null);
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) return;
    base.current ??= { href: link.href, image: loadImage(link.href) };
    const { href, image } = base.current;
    const badge = badgeFor(counts);
    if (badge.kind === 'none') {
      link.href = href;
      return;
    }
    let cancelled = false;
    image.then(
      (img) => {
        if (cancelled) return;
        const drawn = drawBadge(img, badge);
        if (drawn) link.href = drawn;
      },
      () => {
        // No base icon to draw on: the title still tells.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [counts]);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = src;
  });
}

/** The base icon with a red badge in its top right corner, as a PNG data URL. */
function drawBadge(img: HTMLImageElement, badge: { kind: 'dot' } | { kind: 'count'; text: string }): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = FAVICON_SIZE;
  canvas.height = FAVICON_SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(img, 0, 0, FAVICON_SIZE, FAVICON_SIZE);
  const radius = badge.kind === 'dot' ? 13 : 20;
  const cx = FAVICON_SIZE - radius;
  const cy = radius;
  ctx.beginPath();
  ctx.arc(cx, cy, radius + 3, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.fillStyle = '#d92d20';
  ctx.fill();
  if (badge.kind === 'count') {
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold ${badge.text.length > 1 ? 24 : 30}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(badge.text, cx, cy + 2);
  }
  return canvas.toDataURL('image/png');
}
