// Copies the news-article grammar from the repository's grammars/ folder
// (its one source of truth, tested in grammars/test) into syntaxes/, where
// package.json's contributes.grammars points. Run by `npm run build`.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..', '..', 'grammars', 'news-article.tmLanguage.json');
const targetDir = join(here, '..', 'syntaxes');
const target = join(targetDir, 'news-article.tmLanguage.json');

const grammar = JSON.parse(readFileSync(source, 'utf8'));
if (grammar.scopeName !== 'text.news-article') {
  throw new Error(`${source}: scopeName is ${grammar.scopeName}, expected text.news-article`);
}
mkdirSync(targetDir, { recursive: true });
copyFileSync(source, target);
console.log(`copied ${source} -> ${target}`);
