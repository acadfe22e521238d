/** The brief editor's pure steps: moving an entry within its section, reading a typed recipient list. */
import { moveEntry } from '../../renderer/features/briefs/BriefEditor';
import { parseRecipients } from '../../renderer/features/briefs/BriefEmail';
import type { BriefEntry } from '../../shared/api/contract';

const E = (key: string, section: BriefEntry['section']): BriefEntry => ({ key, title: key, section });
const list = [
  E('story:1', 'top'),
  E('story:2', 'top'),
  E('item:9', 'infox'),
  E('item:5', 'selection'),
  E('story:3', 'top'),
  E('item:6', 'selection'),
];

test('an entry moves past the entries of other sections to its own neighbour', () => {
  expect(moveEntry(list, 'story:3', -1).map((e) => e.key)).toEqual([
    'story:1',
    'story:3',
    'item:9',
    'item:5',
    'story:2',
    'item:6',
  ]);
  expect(moveEntry(list, 'item:5', 1).map((e) => e.key)).toEqual([
    'story:1',
    'story:2',
    'item:9',
    'item:6',
    'story:3',
    'item:5',
  ]);
});

test('moving the first up, the last down or an unknown key changes nothing', () => {
  expect(moveEntry(list, 'story:1', -1)).toBe(list);
  expect(moveEntry(list, 'item:9', 1)).toBe(list);
  expect(moveEntry(list, 'story:42', 1)).toBe(list);
});

test('recipients split on lines, commas and semicolons, without duplicates', () => {
  expect(parseRecipients(' prefet@moselle.test,\ncabinet@interieur.test; prefet@moselle.test ')).toEqual([
    'prefet@moselle.test',
    'cabinet@interieur.test',
  ]);
  expect(parseRecipients('  ')).toEqual([]);
});
