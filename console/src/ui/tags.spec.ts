import { addTags, MAX_TAG_LENGTH, MAX_TAGS } from './tags';

describe('tags', () => {
  it('adds trimmed, unique tags, split by any comma', () => {
    expect(addTags([], '  refund ')).toEqual(['refund']);
    expect(addTags(['Refund'], 'refund, vip，投诉、 售后 ')).toEqual(['Refund', 'vip', '投诉', '售后']);
    expect(addTags(['a'], ' , ,')).toEqual(['a']);
    expect(addTags([], 'two   words')).toEqual(['two words']);
    expect(addTags([], 'x'.repeat(100))[0]).toHaveLength(MAX_TAG_LENGTH);
    expect(addTags([], Array.from({ length: 30 }, (_, i) => `t${i}`).join(','))).toHaveLength(MAX_TAGS);
  });
});
