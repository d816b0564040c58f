// Tags are typed as one line ("eu ssd tier:hot" or "eu, ssd"): split on commas and spaces,
// drop blanks and repeats, keep the admin's order.
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,]+/)) {
    const tag = part.trim();
    if (tag && !seen.has(tag)) seen.add(tag);
  }
  return [...seen];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}
