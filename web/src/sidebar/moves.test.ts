import { describe, expect, it } from 'vitest';
import type { Conversation, Sidebar } from '../api/types.generated';
import { planCategoryMove, planFavoriteToggle, planRowMove } from './moves';
import { POSITION_STEP } from './positions';
import { buildSections, type SidebarSection } from './sections';
import { category, sidebar, sidebarChannel, sidebarConversation } from './testData';

function sectionsOf(data: Sidebar) {
  const sections = buildSections(data, { openParentID: null, conversationTitle: (c: Conversation) => c.id });
  const byKey = (key: string) => sections.find((s) => s.key === key) as SidebarSection;
  const row = (id: string) => sections.flatMap((s) => s.rows).find((r) => r.parentID === id)!;
  return { sections, byKey, row };
}

const data = sidebar({
  channels: [
    sidebarChannel('a', { membership: { categoryID: 'work', position: 10 } }),
    sidebarChannel('b', { membership: { categoryID: 'work', position: 20 } }),
    sidebarChannel('c', { membership: { categoryID: 'work', position: 30 } }),
    sidebarChannel('general'),
    sidebarChannel('fav', { membership: { favorite: true, position: 5 } }),
  ],
  conversations: [sidebarConversation('dm')],
  categories: [category('work', 1), category('empty', 2)],
});

describe('planRowMove', () => {
  it('reorders inside a category with one position midway', () => {
    const { byKey, row } = sectionsOf(data);
    // c between a and b.
    expect(planRowMove(byKey('category:work'), row('c'), 1)).toEqual([
      { parentType: 'channel', parentID: 'c', patch: { position: 15 } },
    ]);
  });

  it('moves a row into another category, out of Favourites', () => {
    const { byKey, row } = sectionsOf(data);
    expect(planRowMove(byKey('category:empty'), row('fav'), 0)).toEqual([
      { parentType: 'channel', parentID: 'fav', patch: { favorite: false, categoryID: 'empty', position: POSITION_STEP } },
    ]);
    expect(planRowMove(byKey('category:work'), row('dm'), 3)).toEqual([
      { parentType: 'conversation', parentID: 'dm', patch: { categoryID: 'work', position: 30 + POSITION_STEP } },
    ]);
  });

  it('takes rows back out to Channels or Direct messages, but not the wrong one', () => {
    const { byKey, row } = sectionsOf(data);
    expect(planRowMove(byKey('channels'), row('a'), 0)).toEqual([
      { parentType: 'channel', parentID: 'a', patch: { categoryID: null } },
    ]);
    expect(planRowMove(byKey('direct'), row('a'), 0)).toBeNull();
    expect(planRowMove(byKey('channels'), row('dm'), 0)).toBeNull();
    expect(planRowMove(byKey('channels'), row('general'), 0)).toEqual([]);
  });

  it('numbers a section afresh when the neighbours share a position', () => {
    const tied = sidebar({
      channels: [
        sidebarChannel('x', { membership: { favorite: true } }),
        sidebarChannel('y', { membership: { favorite: true } }),
        sidebarChannel('z'),
      ],
    });
    const { byKey, row } = sectionsOf(tied);
    expect(planRowMove(byKey('favorites'), row('z'), 1)).toEqual([
      { parentType: 'channel', parentID: 'z', patch: { favorite: true, position: 2 * POSITION_STEP } },
      { parentType: 'channel', parentID: 'x', patch: { position: POSITION_STEP } },
      { parentType: 'channel', parentID: 'y', patch: { position: 3 * POSITION_STEP } },
    ]);
  });
});

describe('planFavoriteToggle', () => {
  it('adds to the end of Favourites, and takes back out', () => {
    const { sections, row } = sectionsOf(data);
    expect(planFavoriteToggle(sections, row('general'))).toEqual([
      { parentType: 'channel', parentID: 'general', patch: { favorite: true, position: 5 + POSITION_STEP } },
    ]);
    expect(planFavoriteToggle(sections, row('fav'))).toEqual([
      { parentType: 'channel', parentID: 'fav', patch: { favorite: false } },
    ]);
  });
});

describe('planCategoryMove', () => {
  it('puts a category between others', () => {
    const categories = [category('a', 1), category('b', 2), category('c', 3)];
    expect(planCategoryMove(categories, 'c', 0)).toEqual([{ id: 'c', position: 1 - POSITION_STEP }]);
    expect(planCategoryMove(categories, 'a', 1)).toEqual([{ id: 'a', position: 2.5 }]);
  });
});
