export function TagChips({ tags, label = 'Tags' }: { tags: readonly string[]; label?: string }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="chips" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="chip">{tag}</li>
      ))}
    </ul>
  );
}
