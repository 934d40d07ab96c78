export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 20;

/**
 * Adds what was typed (one tag, or several split by commas — the Chinese `，` and `、` too) to
 * `tags`: trimmed, inner spaces collapsed, cut to MAX_TAG_LENGTH, no duplicates (case-insensitive), at most MAX_TAGS.
 */
export function addTags(tags: string[], typed: string): string[] {
  const out = [...tags];
  const seen = new Set(tags.map((tag) => tag.toLowerCase()));
  for (const part of typed.split(/[,，、\n]/)) {
    const tag = part.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH);
    if (!tag || seen.has(tag.toLowerCase()) || out.length >= MAX_TAGS) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}
