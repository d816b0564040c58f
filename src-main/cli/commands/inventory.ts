// `pinfleet inventory export|import`
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';

type ImportFormat = 'json' | 'csv' | 'env';

export function guessImportFormat(file: string, flag: string | undefined): ImportFormat {
  const chosen = flag ?? (path.basename(file).startsWith('.env') || file.endsWith('.env') ? 'env' : path.extname(file).slice(1).toLowerCase());
  if (chosen === 'json' || chosen === 'csv' || chosen === 'env') return chosen;
  throw new PinfleetError('invalid_input', `cannot tell the format of ${file}: add --format json, csv or env`);
}

export async function inventoryCommand(sub: string | undefined, ctx: CommandContext): Promise<void> {
  if (sub === 'export') {
    const format = ctx.flags.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new PinfleetError('invalid_input', '--format must be json or csv');
    const exported = await call(ctx, 'inventory.export', { format });
    if (ctx.flags.output) {
      await writeFile(ctx.flags.output, exported.content, { mode: 0o600 });
      ctx.out.data({ file: ctx.flags.output, format }, () => `Wrote ${ctx.flags.output}.`);
    } else {
      process.stdout.write(exported.content.endsWith('\n') ? exported.content : `${exported.content}\n`);
    }
    return;
  }
  if (sub === 'import') {
    const file = ctx.args[0];
    if (!file) throw new PinfleetError('invalid_input', 'usage: pinfleet inventory import FILE [--format json|csv|env] [--update]');
    const format = guessImportFormat(file, ctx.flags.format);
    const content = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new PinfleetError('not_found', `cannot read ${file}: ${error.code ?? error.message}`);
    });
    const report = await call(ctx, 'inventory.import', { format, content, update: ctx.flags.update ?? false });
    ctx.out.data(report, () =>
      [
        `Added ${report.added.length}, updated ${report.updated.length}, skipped ${report.skipped.length}.`,
        ...report.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
      ].join('\n'),
    );
    return;
  }
  throw new UsageError(`unknown command "inventory ${sub ?? ''}": use export or import`);
}
