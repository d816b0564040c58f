// How the CLI speaks: JSON for scripts (--json), aligned text for people, one-line errors.
export interface Output {
  json: boolean;
  data(value: unknown, human: () => string): void;
  line(text: string): void;
}

export function createOutput(json: boolean, write: (text: string) => void = (t) => process.stdout.write(t)): Output {
  return {
    json,
    data(value, human) {
      write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    line(text) {
      if (!json) write(`${text}\n`);
    },
  };
}

/** Renders rows as left-aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), ...rows.map(render)].join('\n');
}
