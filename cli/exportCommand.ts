import { Option, type Command } from 'commander';
import { LANGUAGES, type Language } from '../src/export/code/languages.ts';

/** `calu export MODEL.json --to LANG`: a saved model's formulas as functions in another language. */
export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description('print the formulas of a saved model as functions in another language, one per target, named after it')
    .argument('<model>', 'a model saved with calu fit --save (or the output of calu fit --json)')
    .addOption(new Option('--to <language>', 'the language').choices(LANGUAGES).makeOptionMandatory())
    .action(async (modelPath: string, opts: { to: Language }) => {
      // The model and the emitters load mathjs: only this command needs it.
      const { loadModel } = await import('../src/model.ts');
      const { exportCode } = await import('../src/export/code/exportCode.ts');
      process.stdout.write(exportCode(loadModel(modelPath), opts.to));
    });
}

/** `calu fit --export LANG`: print the formulas as code instead of as text. */
export function exportOption(): Option {
  return new Option('--export <language>', 'print the formulas as functions in this language instead').choices(LANGUAGES);
}
