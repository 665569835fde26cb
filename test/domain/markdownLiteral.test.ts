import { markdownLiteral } from '../../src/domain/markdownLiteral';

// Web Chat renders message text with markdown-it (HTML allowed, then sanitised; it comes with Web Chat, untyped): what it shows is what we check
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { renderInline(text: string): string };
const rendered = (text: string) => new MarkdownIt({ html: true }).renderInline(text);

describe('markdownLiteral: a name shown as it is in a Markdown line', () => {
  test.each([
    ['Ana', 'Ana'],
    ['Ana (Support)', 'Ana (Support)'],
    ['[Pay here](https://evil.example/pay)', '[Pay here](https://evil.example/pay)'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['**bold** _it_ `code`', '**bold** _it_ `code`'],
    ['back\\slash', 'back\\slash'],
    ['# heading', '# heading'],
    ['![img](x.png)', '![img](x.png)'],
    ['José Ñúñez', 'José Ñúñez'],
  ])('%s', (name, shown) => {
    expect(rendered(markdownLiteral(name))).toBe(shown);
  });
});
