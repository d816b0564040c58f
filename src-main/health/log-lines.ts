// Splits a byte stream into lines across chunk boundaries. Pure apart from its small buffer.
export class LineSplitter {
  private rest = '';

  /** The complete lines in `chunk` (and what was left from the previous one). */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, ''));
  }

  /** Whatever is left when the stream ends without a final newline. */
  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest.length > 0 ? [rest] : [];
  }
}
