// Tokenization tests for grammars/news-article.tmLanguage.json, run with
// Node's built-in test runner (`npm test`). The grammar is loaded the way
// VS Code loads it: vscode-textmate on top of the Oniguruma WebAssembly build
// from vscode-oniguruma. Every assertion compares a token's full scope stack.
'use strict';

const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR_PATH = path.join(__dirname, '..', 'news-article.tmLanguage.json');
const ROOT = 'text.news-article';

let grammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === ROOT ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  grammar = await registry.loadGrammar(ROOT);
  assert.ok(grammar, 'grammar loads');
});

/** Tokenizes `text` line by line from the start of a file: [[{text, scopes}]]. */
function tokenize(text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the `nth` token whose text is exactly `text` on `line`. */
function scopesOf(line, text, nth = 0) {
  const found = line.filter((t) => t.text === text);
  assert.ok(
    found.length > nth,
    `no token ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(line.map((t) => t.text))}`,
  );
  return found[nth].scopes;
}

/** Asserts the token `text` on `line` has exactly `[ROOT, ...scopes]`. */
function expectToken(line, text, scopes, nth = 0) {
  assert.deepEqual(scopesOf(line, text, nth), [ROOT, ...scopes], `scopes of ${JSON.stringify(text)}`);
}

/** Asserts no token on `line` carries a scope starting with `prefix`. */
function expectNoScope(line, prefix) {
  for (const t of line) {
    assert.ok(!t.scopes.some((s) => s.startsWith(prefix)), `${JSON.stringify(t.text)} has ${t.scopes.join(' ')}`);
  }
}

const FM = 'meta.embedded.block.frontmatter';
const DQ = 'string.quoted.double.news-article';
const SQ = 'string.quoted.single.news-article';
const BEGIN = 'punctuation.definition.string.begin.news-article';
const END = 'punctuation.definition.string.end.news-article';
const ATTR = 'keyword.other.attribution.news-article';
const VAGUE = 'invalid.deprecated.vague-attribution.news-article';
const NUM = 'constant.numeric.news-article';
const PCT = 'constant.numeric.percentage.news-article';
const MONEY = 'constant.numeric.currency.news-article';
const COMMENT = 'comment.block.html';
const COMMENT_PUNCT = 'punctuation.definition.comment.html';
const DIRECTIVE = 'keyword.control.directive.copydesk';
const RULE = 'entity.name.function.rule.copydesk';

describe('grammar file', () => {
  test('has the scope name and resolvable includes', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
    assert.equal(raw.scopeName, ROOT);
    const includes = [];
    (function walk(node) {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof node.include === 'string') includes.push(node.include);
        Object.values(node).forEach(walk);
      }
    })(raw);
    assert.ok(includes.length > 10);
    for (const inc of includes) {
      assert.match(inc, /^#/, `only local includes: ${inc}`);
      assert.ok(raw.repository[inc.slice(1)], `repository has ${inc}`);
    }
  });
});

describe('YAML front matter', () => {
  const text = [
    '---',
    'title: Ferry strike: 27% of sailings cut # the desk’s note',
    'url: https://example.org/ledger/a#frag',
    'outlet: "The Valdoria Ledger"',
    'lang: \'en\'',
    'tags:',
    '  - ports',
    '---',
    '',
    '---',
    'date: not front matter',
  ].join('\n');
  let lines;
  before(() => {
    lines = tokenize(text);
  });

  test('delimiters', () => {
    expectToken(lines[0], '---', [FM, 'punctuation.definition.frontmatter.begin.news-article']);
    expectToken(lines[7], '---', [FM, 'punctuation.definition.frontmatter.end.news-article']);
  });

  test('keys, separators and unquoted values (colons and # inside a value kept)', () => {
    expectToken(lines[1], 'title', [FM, 'entity.name.tag.frontmatter']);
    expectToken(lines[1], ':', [FM, 'punctuation.separator.key-value.frontmatter']);
    expectToken(lines[1], 'Ferry strike: 27% of sailings cut', [FM, 'string.unquoted.frontmatter']);
    expectToken(lines[1], '#', [FM, 'comment.line.number-sign.frontmatter', 'punctuation.definition.comment.frontmatter']);
    expectToken(lines[1], ' the desk’s note', [FM, 'comment.line.number-sign.frontmatter']);
    expectToken(lines[2], 'https://example.org/ledger/a#frag', [FM, 'string.unquoted.frontmatter']);
  });

  test('quoted values and list items', () => {
    expectToken(lines[3], '"', [FM, 'string.quoted.double.frontmatter', 'punctuation.definition.string.begin.frontmatter']);
    expectToken(lines[3], 'The Valdoria Ledger', [FM, 'string.quoted.double.frontmatter']);
    expectToken(lines[3], '"', [FM, 'string.quoted.double.frontmatter', 'punctuation.definition.string.end.frontmatter'], 1);
    expectToken(lines[4], 'en', [FM, 'string.quoted.single.frontmatter']);
    expectToken(lines[5], 'tags', [FM, 'entity.name.tag.frontmatter']);
    expectToken(lines[6], '-', [FM, 'punctuation.definition.list.begin.frontmatter']);
    expectToken(lines[6], 'ports', [FM, 'string.unquoted.frontmatter']);
  });

  test('only at the very start of the file', () => {
    assert.deepEqual(lines[9], [{ text: '---', scopes: [ROOT] }]);
    expectNoScope(lines[10], 'meta.embedded');
    expectNoScope(lines[10], 'entity.name.tag');
  });
});

describe('TOML front matter', () => {
  let lines;
  before(() => {
    lines = tokenize(
      [
        '+++',
        'title = "Kessel review opens" # working title',
        'date = 2026-02-27',
        'draft = false',
        'words = 1_200',
        '[extra]',
        'desk = \'politics\'',
        '+++',
        'Body text said 3.',
      ].join('\n'),
    );
  });

  test('keys and typed values', () => {
    expectToken(lines[0], '+++', [FM, 'punctuation.definition.frontmatter.begin.news-article']);
    expectToken(lines[1], 'title', [FM, 'support.type.property-name.frontmatter']);
    expectToken(lines[1], '=', [FM, 'punctuation.separator.key-value.frontmatter']);
    expectToken(lines[1], 'Kessel review opens', [FM, 'string.quoted.double.frontmatter']);
    expectToken(lines[1], ' working title', [FM, 'comment.line.number-sign.frontmatter']);
    expectToken(lines[2], '2026-02-27', [FM, 'constant.other.date.frontmatter']);
    expectToken(lines[3], 'false', [FM, 'constant.language.boolean.frontmatter']);
    expectToken(lines[4], '1_200', [FM, 'constant.numeric.frontmatter']);
    expectToken(lines[5], 'extra', [FM, 'support.type.property-name.table.frontmatter']);
    expectToken(lines[6], 'politics', [FM, 'string.quoted.single.frontmatter']);
    expectToken(lines[7], '+++', [FM, 'punctuation.definition.frontmatter.end.news-article']);
  });

  test('the body after the block is prose again', () => {
    expectToken(lines[8], 'said', [ATTR]);
    expectToken(lines[8], '3', [NUM]);
  });
});

describe('headlines', () => {
  test('# headline with inline tokens inside', () => {
    const [line] = tokenize('# Budget vote: “Not now” — 27% back plan ##');
    expectToken(line, '#', ['markup.heading.news-article', 'punctuation.definition.heading.news-article']);
    expectToken(line, 'Budget vote: ', ['markup.heading.news-article', 'entity.name.section.news-article']);
    expectToken(line, 'Not now', ['markup.heading.news-article', 'entity.name.section.news-article', DQ]);
    expectToken(line, ' — ', ['markup.heading.news-article', 'entity.name.section.news-article']);
    expectToken(line, '27%', ['markup.heading.news-article', 'entity.name.section.news-article', PCT]);
    // The closing #s are not part of the headline text.
    expectToken(line, ' back plan', ['markup.heading.news-article', 'entity.name.section.news-article']);
  });

  test('a hashtag or a #-less line is not a headline', () => {
    expectNoScope(tokenize('#metoo trended')[0], 'markup.heading');
    expectNoScope(tokenize('Budget Vote Opens In The Assembly')[0], 'markup.heading');
  });
});

describe('quotations', () => {
  test('curly double quotes with punctuation, em dash and a nested single quote with an apostrophe', () => {
    const [line] = tokenize('“We will not back down — not for ‘Valdoria’s coast’,” said Ana Ruiz.');
    expectToken(line, '“', [DQ, BEGIN]);
    expectToken(line, 'We will not back down — not for ', [DQ]);
    expectToken(line, '‘', [DQ, SQ, BEGIN]);
    expectToken(line, 'Valdoria’s coast', [DQ, SQ]);
    expectToken(line, '’', [DQ, SQ, END]);
    expectToken(line, ',', [DQ]);
    expectToken(line, '”', [DQ, END]);
    expectToken(line, 'said', [ATTR]);
  });

  test('straight double quotes; an inch mark is not a quotation', () => {
    const [line] = tokenize('A 12" pipe, the "coalition of the willing" said.');
    expectToken(line, '"', [DQ, BEGIN], 0);
    expectToken(line, 'coalition of the willing', [DQ]);
    expectToken(line, '"', [DQ, END], 1);
    expectToken(line, 'A ', []);
  });

  test('single curly quotes at top level; ‘90s is not an opening mark', () => {
    const [line] = tokenize('It was a ‘historic day’ for the ‘90s generation.');
    expectToken(line, 'historic day', [SQ]);
    expectToken(line, '’', [SQ, END]);
    expectNoScope(tokenize('Back in the ‘90s, 4 ferries ran.')[0], 'string');
  });

  test('Cyrillic text, guillemets, emoji (UTF-16 surrogate pairs) and a number after them', () => {
    const [line] = tokenize('Он сказал: «Рост — 27 %» 🚢🇺🇦 и добавил 12,5%, told Reuters.');
    expectToken(line, 'Он сказал: ', []);
    expectToken(line, '«', [DQ, BEGIN]);
    expectToken(line, 'Рост — 27 %', [DQ]);
    expectToken(line, '»', [DQ, END]);
    expectToken(line, '12,5%', [PCT]);
    expectToken(line, 'told', [ATTR]);
    expectToken(line, ' 🚢🇺🇦 и добавил ', []);
  });

  test('„low-9“ quotes', () => {
    const [line] = tokenize('Er sagte: „Wir bleiben“, reported Der Bote.');
    expectToken(line, 'Wir bleiben', [DQ]);
    expectToken(line, '“', [DQ, END]);
    expectToken(line, 'reported', [ATTR]);
  });

  test('a quotation continues on the next line and an unclosed one stops at a blank line', () => {
    const lines = tokenize('“The ferries will stop\nwithin a month,” the memo said.\n“An unclosed quote\n\nPlain 7.');
    expectToken(lines[0], 'The ferries will stop', [DQ]);
    expectToken(lines[1], 'within a month,', [DQ]);
    expectToken(lines[1], '”', [DQ, END]);
    expectToken(lines[1], 'said', [ATTR]);
    expectToken(lines[2], 'An unclosed quote', [DQ]);
    expectToken(lines[4], 'Plain ', []);
    expectToken(lines[4], '7', [NUM]);
  });

  test('numbers and cues inside a quotation belong to the quotation', () => {
    const [line] = tokenize('“Sources say 27% said yes,” she told us.');
    expectToken(line, 'Sources say 27% said yes,', [DQ]);
    expectToken(line, 'told', [ATTR]);
  });
});

describe('numbers', () => {
  test('money, percentages, thousands, decimals', () => {
    const [line] = tokenize('The €4.2 billion plan, backed by 12,400 workers, grew 3.5 per cent to $5m (27%), or 3.5.');
    expectToken(line, '€4.2 billion', [MONEY]);
    expectToken(line, '12,400', [NUM]);
    expectToken(line, '3.5 per cent', [PCT]);
    expectToken(line, '$5m', [MONEY]);
    expectToken(line, '27%', [PCT]);
    expectToken(line, '3.5', [NUM]);
  });

  test('more forms: £, US$, scale words, ordinals, signed percentages', () => {
    const [line] = tokenize('US$3 bn and £12,400, 2.5 million people, the 21st vote, −0.4% and 12 percent.');
    expectToken(line, 'US$3 bn', [MONEY]);
    expectToken(line, '£12,400', [MONEY]);
    expectToken(line, '2.5 million', [NUM]);
    expectToken(line, '21st', [NUM]);
    expectToken(line, '−0.4%', [PCT]);
    expectToken(line, '12 percent', [PCT]);
  });

  test('digits inside words are not numbers', () => {
    const [line] = tokenize('The A380 and 5G rollout, COVID-19 rules.');
    expectToken(line, 'The A380 and 5G rollout, COVID-', []);
    expectToken(line, '19', [NUM]);
  });
});

describe('attribution', () => {
  test('cues', () => {
    const [line] = tokenize('According to the ministry, she said, he says, they told AP, it reported, citing data.');
    expectToken(line, 'According to', [ATTR]);
    for (const cue of ['said', 'says', 'told', 'reported', 'citing']) expectToken(line, cue, [ATTR]);
  });

  test('vague attribution wins over the cue inside it', () => {
    const [line] = tokenize(
      'Sources say the deal, reportedly, is off; experts say so, it is believed, according to unnamed sources.',
    );
    for (const phrase of ['Sources say', 'reportedly', 'experts say', 'it is believed', 'according to unnamed sources']) {
      expectToken(line, phrase, [VAGUE]);
    }
    expectNoScope(line, 'keyword.other.attribution');
  });

  test('words that merely contain a cue are not cues', () => {
    expectNoScope(tokenize('The saying goes: untold reports, resources sayings.')[0], 'keyword');
  });
});

describe('comments', () => {
  test('disable-next-line with rule ids', () => {
    const [line] = tokenize('<!-- copydesk-disable-next-line name-variant, repeated-word -->');
    expectToken(line, '<!--', [COMMENT, COMMENT_PUNCT]);
    expectToken(line, 'copydesk-disable-next-line', [COMMENT, DIRECTIVE]);
    expectToken(line, 'name-variant', [COMMENT, RULE]);
    expectToken(line, ',', [COMMENT, 'punctuation.separator.comma.copydesk']);
    expectToken(line, 'repeated-word', [COMMENT, RULE]);
    expectToken(line, '-->', [COMMENT, COMMENT_PUNCT]);
  });

  test('disable, enable and disable-file, with and without spaces', () => {
    const lines = tokenize(
      '<!-- copydesk-disable unknown-actor -->\nZelensky\n<!--copydesk-enable-->\n<!-- copydesk-disable-file -->',
    );
    expectToken(lines[0], 'copydesk-disable', [COMMENT, DIRECTIVE]);
    expectToken(lines[0], 'unknown-actor', [COMMENT, RULE]);
    expectToken(lines[1], 'Zelensky', []);
    expectToken(lines[2], 'copydesk-enable', [COMMENT, DIRECTIVE]);
    expectToken(lines[2], '-->', [COMMENT, COMMENT_PUNCT]);
    expectToken(lines[3], 'copydesk-disable-file', [COMMENT, DIRECTIVE]);
  });

  test('ordinary and multi-line HTML comments; a near-miss directive is ordinary', () => {
    const lines = tokenize('<!-- note: 27% said -->\n<!-- copydesk-disabled x -->\n<!-- spans\ntwo lines --> said 3');
    expectToken(lines[0], ' note: 27% said ', [COMMENT]);
    expectToken(lines[1], ' copydesk-disabled x ', [COMMENT]);
    expectToken(lines[2], ' spans', [COMMENT]);
    expectToken(lines[3], 'two lines ', [COMMENT]);
    expectToken(lines[3], '-->', [COMMENT, COMMENT_PUNCT]);
    expectToken(lines[3], 'said', [ATTR]);
    expectToken(lines[3], '3', [NUM]);
  });
});
